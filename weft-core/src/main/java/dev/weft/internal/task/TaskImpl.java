package dev.weft.internal.task;

import dev.weft.Link;
import dev.weft.TaskBody;
import dev.weft.TaskFailedException;
import dev.weft.TaskHandle;
import dev.weft.TaskId;
import dev.weft.TaskInfo;
import dev.weft.TaskKilledException;
import dev.weft.TaskResult;
import dev.weft.TaskState;
import dev.weft.internal.carrier.VirtualThreads;
import dev.weft.internal.kernel.KernelImpl;
import dev.weft.internal.sched.Carrier;
import dev.weft.internal.sched.QueueItem;
import dev.weft.internal.sched.SchedulerImpl;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A task: its handle, the executor its virtual thread submits continuations to, the body its
 * virtual thread runs, and the run-queue item its carriers run. One object per task, so a spawn
 * allocates little and a task switch allocates nothing.
 *
 * <h2>Run state ({@code state}: {@code epoch << 3 | kind})</h2>
 * <pre>
 * NEWBORN  --first runOn() by a carrier-->                       RUNNING(e+1)
 * RUNNING(e) --continuation yields; carrier CAS RUNNING(e)->-->  BLOCKED  (fails if re-submitted meanwhile)
 * any live --execute() (unpark, yield, timer, I/O)-->            RUNNABLE (NEWBORN stays NEWBORN)
 * RUNNABLE --runOn()-->                                          RUNNING(e+1)
 * live --reap() CAS, exactly once-->                             DEAD
 * </pre>
 * The epoch makes a late "RUNNING -> BLOCKED" from one carrier fail when another carrier has
 * already started the next run. Written by carriers and by {@link #execute}; read by anyone.
 *
 * <h2>Outcome state ({@code killState} bits)</h2>
 * <pre>
 * 0 --markKilled() (kill)-->                   KILLED        (sticky)
 * 0 --markFailedFromChild(cause)-->            CHILD_FAILED  (a linked failure: woken as if killed)
 * any --decide() at body end-->               DECIDED       (after it, kill and a linked failure change nothing)
 * </pre>
 * KILLED and CHILD_FAILED exclude each other: whichever arrives first decides the outcome, and
 * the other edge is refused. A linked failure kills the subtrees of every ancestor it fails and,
 * at the main task, every task of the kernel; those kills must not turn the ancestors it has
 * just failed from Failed(original) into Killed (API.md; {@code LinkCombinationTest}). A task
 * already killed lets a failure pass through ({@link #markFailedFromChild} returns false).
 *
 * <p>Marking and waking are separate: {@link #wake()} interrupts the thread (unless unkillable).
 * A kill or failure that reaches several tasks ({@code Failures}) marks all of them before it
 * wakes any, so none of them can see another one end (a join returning its Killed outcome)
 * before its own mark is set: its weft calls then all throw {@link TaskKilledException}.
 * The outcome is decided once, on the task's own thread when the body ends; it is published
 * ({@link #result}, once, by CAS) by {@link #reap()}, after the task left the registry and its
 * scheduler's count, so {@code join} returns only after the reap (API.md) — or as Killed by
 * {@link #publishAbandoned()} when the kernel's shutdown timeout gives up on the task.
 *
 * <h2>Field ownership</h2>
 * <table>
 * <caption>who writes what</caption>
 * <tr><td>id, name, kernel, scheduler, parent, link, main</td><td>final</td></tr>
 * <tr><td>body, thread</td><td>spawner before start; cleared by reap (I11: a handle keeps only its small result)</td></tr>
 * <tr><td>continuation</td><td>first {@link #execute} (from {@code Thread.start}, before any carrier sees the task)</td></tr>
 * <tr><td>epoch</td><td>the carrier running the task</td></tr>
 * <tr><td>outcome, bodyDone</td><td>the task's own thread, at body end</td></tr>
 * <tr><td>result, future</td><td>reap (result); any thread (future, by CAS)</td></tr>
 * <tr><td>unkillableDepth</td><td>the task's own thread; read by killers</td></tr>
 * <tr><td>weftWait</td><td>the task's own thread around each park in {@link Blocking}; read by reports and the deterministic loop</td></tr>
 * </table>
 *
 * @param <T> the task's value type
 */
public final class TaskImpl<T> extends Signal implements TaskHandle<T>, Executor, Runnable, QueueItem {
    // ---- run state kinds (low 3 bits of state)
    private static final long NEWBORN = 0, RUNNABLE = 1, RUNNING = 2, BLOCKED = 3, DEAD = 4, KIND = 7;
    // ---- killState bits
    private static final int KILLED = 1, CHILD_FAILED = 2, DECIDED = 4;

    private static final VarHandle STATE, KILL_STATE, FUTURE, RESULT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(TaskImpl.class, "state", long.class);
            KILL_STATE = l.findVarHandle(TaskImpl.class, "killState", int.class);
            FUTURE = l.findVarHandle(TaskImpl.class, "future", CompletableFuture.class);
            RESULT = l.findVarHandle(TaskImpl.class, "result", TaskResult.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskId id;
    private final String name;
    private final KernelImpl kernel;
    private final SchedulerImpl scheduler;
    private final TaskImpl<?> parent;
    private final Link link;
    private final boolean main;

    private TaskBody<T> body;
    private Thread thread;
    private Runnable continuation;
    private long epoch;
    private volatile long state = NEWBORN;

    private volatile int killState;
    private volatile int unkillableDepth;
    private volatile Throwable childFailure;
    /** The failure that killed this task (a linked failure or the kernel's), or null. */
    private volatile Throwable killCause;
    private volatile boolean bodyDone;
    /** What the task waits on inside a weft call (a snapshot for reports and deadlock detection), or null. */
    private volatile Object weftWait;
    private TaskResult<T> outcome;
    private volatile TaskResult<T> result;
    @SuppressWarnings("unused")
    private volatile CompletableFuture<T> future;

    /**
     * @param kernel    the kernel
     * @param scheduler where it runs (already admitted there)
     * @param id        its id
     * @param name      its name, or null for {@code "task-<id>"}
     * @param parent    the spawning task, or null for a root task
     * @param link      its link to the parent (UNLINKED for roots)
     * @param body      the body
     * @param main      whether this is the kernel's main task
     */
    public TaskImpl(KernelImpl kernel, SchedulerImpl scheduler, long id, String name, TaskImpl<?> parent,
                    Link link, TaskBody<T> body, boolean main) {
        this.kernel = kernel;
        this.scheduler = scheduler;
        this.id = new TaskId(id);
        this.name = name != null ? name : "task-" + id;
        this.parent = parent;
        this.link = parent == null ? Link.UNLINKED : link;
        this.body = body;
        this.main = main;
    }

    /** @param thread the task's unstarted virtual thread (built with this task as its executor) */
    public void bind(Thread thread) {
        this.thread = thread;
    }

    // ------------------------------------------------------------------ current task

    /** @return the task running on the calling thread, or null */
    public static TaskImpl<?> currentOrNull() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return null;
        }
        // A task's thread is built with the task as its executor. A guest virtual thread started
        // inside the task inherits that executor too, hence the check that it is the task's own thread.
        return VirtualThreads.schedulerOf(t) instanceof TaskImpl<?> task && task.thread == t ? task : null;
    }

    /**
     * @param what the API call, for the message
     * @return the calling task
     * @throws IllegalStateException outside a task
     */
    public static TaskImpl<?> currentOrThrow(String what) {
        TaskImpl<?> t = currentOrNull();
        if (t == null) {
            throw new IllegalStateException(what + " was called outside a weft task (on thread \""
                    + Thread.currentThread().getName() + "\")");
        }
        return t;
    }

    // ------------------------------------------------------------------ executor & carrier side

    /**
     * Receives this task's continuation each time its virtual thread becomes runnable (start,
     * unpark, yield, timer, I/O), from any thread, possibly pinned: never blocks, never rejects.
     * A continuation that is not this task's belongs to a guest virtual thread created inside it.
     */
    @Override
    public void execute(Runnable command) {
        Runnable own = continuation;
        if (own == null) {
            continuation = own = command; // the first submission is Thread.start() of our own thread
        }
        if (command != own) {
            scheduler.submitGuest(command);
            return;
        }
        long s = state;
        long kind = s & KIND;
        if (kind == DEAD) {
            return; // a stale resubmission (Thread.getStackTrace) of a terminated thread: a no-op run
        }
        if (kind == NEWBORN) {
            scheduler.enqueue(this); // a first run keeps FIFO order among spawns: never the LIFO slot
            return;
        }
        state = (s & ~KIND) | RUNNABLE;
        scheduler.submit(this);
    }

    /** Runs the continuation once on {@code carrier}; reaps the task if its thread has terminated. */
    @Override
    public void runOn(Carrier carrier) {
        Runnable k = continuation;
        Thread t = thread;
        if (k == null || t == null || (state & KIND) == DEAD) {
            return; // duplicate entry of a reaped task
        }
        long running = ((++epoch) << 3) | RUNNING;
        state = running;
        k.run(); // VirtualThread.runContinuation: a no-op if the thread is not runnable (duplicate)
        if (bodyDone && t.getState() == Thread.State.TERMINATED) {
            reap();
        } else {
            STATE.compareAndSet(this, running, (running & ~KIND) | BLOCKED);
        }
    }

    @Override
    public void abandon() {
        // Only stale duplicates of dead tasks can be left in an exited scheduler's queue (I5).
    }

    /**
     * I6: after the continuation run returned on a carrier and the thread terminated, unregister
     * the task, exactly once (the CAS to DEAD), then publish its outcome and wake joiners.
     */
    private void reap() {
        long s;
        do {
            s = state;
            if ((s & KIND) == DEAD) {
                return;
            }
        } while (!STATE.compareAndSet(this, s, DEAD));
        TaskResult<T> r = outcome;
        body = null;
        thread = null;
        kernel.unregister(this);
        scheduler.release();
        publish(r);
        kernel.taskEnded(this);
    }

    /**
     * Publishes the outcome once (a published outcome never changes), wakes joiners and completes
     * the future.
     */
    private void publish(TaskResult<T> r) {
        if (RESULT.compareAndSet(this, null, r)) { // pairs with the reads in await()/join() after the signal
            fire();
            CompletableFuture<T> f = future;
            if (f != null) {
                complete(f, r);
            }
        }
    }

    /**
     * The kernel's shutdown timeout gave up on this task (it ignores kill): its handle completes
     * as Killed now; its thread may still run on an abandoned carrier.
     */
    public void publishAbandoned() {
        publish(new TaskResult.Killed<>());
    }

    // ------------------------------------------------------------------ the task's own thread

    /** The virtual thread's body: runs the task body (unless killed first) and decides the outcome. */
    @Override
    public void run() {
        TaskBody<T> b = body;
        T value = null;
        Throwable thrown = null;
        if ((killState & KILLED) == 0) {
            try {
                value = b.run();
            } catch (Throwable e) {
                thrown = e;
            }
        }
        outcome = decide(value, thrown);
        bodyDone = true;
    }

    private TaskResult<T> decide(T value, Throwable thrown) {
        int k = (int) KILL_STATE.getAndBitwiseOr(this, DECIDED); // serialises with markKilled/markFailedFromChild
        if ((k & KILLED) != 0) {
            kernel.failures().killedTaskEnded(this, thrown);
            return new TaskResult.Killed<>();
        }
        if ((k & CHILD_FAILED) != 0) {
            return new TaskResult.Failed<>(childFailure); // reported by the child that threw it
        }
        if (thrown != null) {
            kernel.failures().taskThrew(this, thrown);
            return new TaskResult.Failed<>(thrown);
        }
        return new TaskResult.Completed<>(value);
    }

    // ------------------------------------------------------------------ kill and links

    /**
     * Kills this task and, through the kernel, its LINKED and SUPERVISED descendants.
     */
    @Override
    public void kill() {
        if (markKilled()) {
            kernel.failures().killed(this); // wakes it with its descendants
        }
    }

    /**
     * Marks this task killed and wakes it; does not touch its children.
     *
     * @return whether this call killed it (see {@link #markKilled()})
     */
    public boolean killOnly() {
        if (!markKilled()) {
            return false;
        }
        wake();
        return true;
    }

    /**
     * Sets the sticky KILLED bit without waking the task ({@link #wake()} does that): a kill that
     * reaches several tasks marks them all before it wakes any (see the class comment).
     *
     * @return whether this call killed it (false: dead, decided, already killed, or already failed by
     *         a linked child, which keeps it Failed(original))
     */
    public boolean markKilled() {
        return markKilled(null);
    }

    /**
     * As {@link #markKilled()}, remembering the failure that kills the task (null for a plain
     * kill), so that an exception the task throws while going down can be attached to it.
     *
     * @param cause the failure, or null
     * @return whether this call killed it
     */
    public boolean markKilled(Throwable cause) {
        for (;;) {
            int k = killState;
            if ((k & (KILLED | CHILD_FAILED | DECIDED)) != 0) { // CHILD_FAILED: already going down as Failed
                return false;
            }
            // Published by the CAS below. Two killers racing here may leave either one's cause:
            // both are failures that reached the task.
            killCause = cause;
            if (KILL_STATE.compareAndSet(this, k, k | KILLED)) {
                return true;
            }
        }
    }

    /**
     * A LINKED child's failure reached this task: it will fail with {@code cause}, woken as if
     * killed by {@link #wake()}, which the caller calls after marking the other tasks it reaches.
     *
     * @param cause the original exception
     * @return whether it took the failure (false: it was killed, failed or had ended: pass through)
     */
    public boolean markFailedFromChild(Throwable cause) {
        for (;;) {
            int k = killState;
            if ((k & (KILLED | DECIDED | CHILD_FAILED)) != 0) {
                return false;
            }
            childFailure = cause; // published by the CAS below
            if (KILL_STATE.compareAndSet(this, k, k | CHILD_FAILED)) {
                return true;
            }
        }
    }

    /** Wakes a doomed task: interrupts its thread unless it is inside {@code unkillable}. */
    public void wake() {
        Thread t = thread;
        if (t != null && unkillableDepth == 0) {
            t.interrupt(); // unparks a weft wait (which then throws) and JDK blocking calls
        }
    }

    /** @return the failure that killed this task, or null (a plain kill, or not killed) */
    public Throwable killCause() {
        return (killState & KILLED) != 0 ? killCause : null;
    }

    /** @return whether a kill or a linked failure has hit this task, so it is going down ({@code Task.isKilled()}) */
    public boolean isDoomed() {
        return (killState & (KILLED | CHILD_FAILED)) != 0;
    }


    /** Rule 1 of {@link Blocking}: throws if doomed, unless inside {@code unkillable}. */
    void throwIfKilled() {
        int k = killState;
        if ((k & (KILLED | CHILD_FAILED)) == 0) {
            return;
        }
        if (unkillableDepth > 0) {
            Thread.interrupted(); // consume the kill's interrupt; exitUnkillable restores it
            return;
        }
        throw (k & KILLED) != 0
                ? new TaskKilledException(name + " (" + id + ") was killed")
                : new TaskKilledException(name + " (" + id + ") failed: a linked task failed", childFailure);
    }

    void enterUnkillable() {
        unkillableDepth = unkillableDepth + 1; // only this task's thread writes it
        if (isDoomed()) {
            Thread.interrupted();
        }
    }

    void exitUnkillable() {
        int d = unkillableDepth - 1;
        unkillableDepth = d;
        if (d == 0 && isDoomed()) {
            Thread.currentThread().interrupt(); // the deferred kill lands
        }
    }

    void enterWeftWait(Object blocker) {
        weftWait = blocker != null ? blocker : Blocking.class;
    }

    void exitWeftWait() {
        weftWait = null;
    }

    /** @return what this task waits on inside a weft call (join, channel, sleep...), or null if it does not */
    public Object weftWait() {
        return weftWait;
    }

    // ------------------------------------------------------------------ handle

    @Override
    public T join() {
        TaskResult<T> r = await();
        return switch (r) {
            case TaskResult.Completed<T> ok -> ok.value();
            case TaskResult.Failed<T> f -> throw new TaskFailedException(name + " (" + id + ") failed: " + f.cause(), f.cause());
            case TaskResult.Killed<T> k -> throw new TaskFailedException(name + " (" + id + ") was killed",
                    new TaskKilledException(name + " (" + id + ") was killed"));
        };
    }

    @Override
    public TaskResult<T> await() {
        Blocking.checkKilled(); // a killed task's weft calls throw, even when the result is already there
        TaskResult<T> r = result;
        if (r != null) {
            return r;
        }
        refuseSelfWait("join/await");
        await(this);
        return result;
    }

    @Override
    public Optional<TaskResult<T>> await(Duration timeout) {
        long deadline = Blocking.deadlineAfter(timeout, "await timeout");
        Blocking.checkKilled(); // as in await()
        TaskResult<T> r = result;
        if (r != null) {
            return Optional.of(r);
        }
        refuseSelfWait("await");
        return awaitUntil(this, deadline) ? Optional.of(result) : Optional.empty();
    }

    private void refuseSelfWait(String what) {
        if (currentOrNull() == this) {
            throw new IllegalStateException(name + " (" + id + ") called " + what + " on itself: it would wait forever");
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> f = future;
        if (f == null) {
            CompletableFuture<T> mine = new CompletableFuture<>();
            f = FUTURE.compareAndSet(this, null, mine) ? mine : future;
        }
        TaskResult<T> r = result; // read after publishing the future: pairs with reap()'s write then read
        if (r != null) {
            complete(f, r);
        }
        return f.copy(); // callers cannot complete ours
    }

    private void complete(CompletableFuture<T> f, TaskResult<T> r) {
        switch (r) {
            case TaskResult.Completed<T> ok -> f.complete(ok.value());
            case TaskResult.Failed<T> fl -> f.completeExceptionally(fl.cause());
            case TaskResult.Killed<T> k -> f.completeExceptionally(new TaskKilledException(name + " (" + id + ") was killed"));
        }
    }

    @Override
    public TaskId id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TaskState state() {
        return switch ((int) (state & KIND)) {
            case (int) NEWBORN -> TaskState.NEWBORN;
            case (int) RUNNABLE -> TaskState.RUNNABLE;
            case (int) RUNNING -> TaskState.RUNNING;
            case (int) BLOCKED -> TaskState.BLOCKED;
            default -> TaskState.DEAD;
        };
    }

    @Override
    public boolean isAlive() {
        return (state & KIND) != DEAD;
    }

    // ------------------------------------------------------------------ internal accessors

    /** @return the kernel */
    public KernelImpl kernel() {
        return kernel;
    }

    /** @return the scheduler */
    public SchedulerImpl scheduler() {
        return scheduler;
    }

    /** @return the parent, or null */
    public TaskImpl<?> parent() {
        return parent;
    }

    /** @return the link to the parent */
    public Link link() {
        return link;
    }

    /** @return whether this is the kernel's main task */
    public boolean isMain() {
        return main;
    }

    /** @return its virtual thread while alive, else null */
    public Thread thread() {
        return thread;
    }

    /** @return the published result, or null before the reap */
    public TaskResult<T> resultOrNull() {
        return result;
    }

    /** @return a snapshot for {@code Kernel.tasks()} */
    public TaskInfo info() {
        return new TaskInfo(id, name, state(), scheduler.name(),
                parent == null ? Optional.empty() : Optional.of(parent.id));
    }

    @Override
    public String toString() {
        return "Task[" + id.value() + ", " + name + ", " + state() + ", on " + scheduler.name() + "]";
    }
}
