package dev.weft.internal.sched;

import dev.weft.Link;
import dev.weft.Scheduler;
import dev.weft.SchedulerClosedException;
import dev.weft.TaskAction;
import dev.weft.TaskBody;
import dev.weft.TaskHandle;
import dev.weft.internal.carrier.VirtualThreads;
import dev.weft.internal.kernel.KernelImpl;
import dev.weft.internal.task.Blocking;
import dev.weft.internal.task.Signal;
import dev.weft.internal.task.Spawner;
import dev.weft.internal.task.TaskImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler: a run queue, its carriers, and its life cycle.
 *
 * <h2>Life cycle (I4, I5, I7)</h2>
 * <pre>
 * OPEN    --close(), or the kernel closes it-->               CLOSED    (spawns refused)
 * OPEN    --ephemeral and its live count reaches 0-->         CLOSED
 * CLOSED  --live count is 0 (by close() or by the last reap)--> EXITING (carriers drain and leave)
 * EXITING --last carrier left; the reaper joined them-->       TERMINATED
 * </pre>
 * {@code ctl} packs CLOSED, EXIT_WHEN_EMPTY and the live task count in one atomic word, so that
 * "admit a spawn" and "closed and empty, so exit" can never both happen (I5: a scheduler never
 * exits while one of its tasks may still need a carrier; a submission is never rejected after
 * start). Exactly one thread sees the word reach (CLOSED, 0) and calls {@link #beginExit()};
 * {@code exitBegun} guards it anyway.
 *
 * <h2>Who may touch what (I12)</h2>
 * A spawn touches only this scheduler's {@code ctl} and, on the first spawn only, its
 * {@code startLock}; never the spawning task's scheduler. Submissions touch the queue and
 * {@code idle}. Carriers own their loop; the reaper joins them.
 */
public final class SchedulerImpl implements Scheduler {
    private static final long CLOSED = 1L << 62;
    private static final long EXIT_WHEN_EMPTY = 1L << 61;
    private static final long COUNT = (1L << 61) - 1;

    private final KernelImpl kernel;
    private final String name;
    private final int threads;
    private final boolean mainThread;
    private final RunQueue queue;
    private final Carrier[] carriers;
    private final AtomicLong ctl;
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger aliveCarriers = new AtomicInteger();
    private final AtomicBoolean exitBegun = new AtomicBoolean();
    private final Signal terminated = new Signal();
    private final Object startLock = new Object();
    private volatile boolean exiting;
    private volatile boolean started;
    private RuntimeException startFailure;

    /**
     * @param kernel     its kernel
     * @param name       its unique name
     * @param threads    its number of carriers
     * @param mainThread whether its single carrier is the thread inside {@code Kernel.run}
     * @param ephemeral  whether it closes itself when its live count reaches 0
     * @param policy     makes its run queue
     */
    public SchedulerImpl(KernelImpl kernel, String name, int threads, boolean mainThread, boolean ephemeral,
                         RunQueue.Policy policy) {
        this.kernel = kernel;
        this.name = name;
        this.threads = threads;
        this.mainThread = mainThread;
        this.queue = policy.newQueue(threads);
        this.carriers = new Carrier[threads];
        for (int i = 0; i < threads; i++) {
            carriers[i] = new Carrier(this, i, !mainThread);
        }
        this.ctl = new AtomicLong(ephemeral ? EXIT_WHEN_EMPTY : 0);
    }

    // ------------------------------------------------------------------ spawning

    @Override
    public <T> TaskHandle<T> spawn(TaskBody<T> body) {
        java.util.Objects.requireNonNull(body, "task body");
        return Spawner.spawn(null, this, null, Link.LINKED, body);
    }

    @Override
    public TaskHandle<Void> spawn(TaskAction body) {
        java.util.Objects.requireNonNull(body, "task body");
        return Spawner.spawn(null, this, null, Link.LINKED, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Counts one more live task, or refuses.
     *
     * @throws SchedulerClosedException if closed or exited
     */
    public void admit() {
        for (;;) {
            long c = ctl.get();
            if ((c & CLOSED) != 0) {
                throw new SchedulerClosedException("scheduler '" + name + "' is " + (exiting ? "terminated" : "closed")
                        + ": it accepts no new tasks");
            }
            if (ctl.compareAndSet(c, c + 1)) {
                return;
            }
        }
    }

    /** Counts one task less (its reap, or a spawn that failed after {@link #admit()}). */
    public void release() {
        long c = ctl.decrementAndGet();
        while ((c & COUNT) == 0 && (c & CLOSED) == 0 && (c & EXIT_WHEN_EMPTY) != 0) {
            if (ctl.compareAndSet(c, c | CLOSED)) {
                c |= CLOSED;
                break;
            }
            c = ctl.get();
        }
        if ((c & COUNT) == 0 && (c & CLOSED) != 0) {
            beginExit();
        }
    }

    @Override
    public void close() {
        long c = ctl.getAndUpdate(v -> v | CLOSED);
        if ((c & CLOSED) == 0 && (c & COUNT) == 0) {
            beginExit();
        }
    }

    /**
     * Starts the carriers on the first spawn (a platform thread start costs ~50–100 µs: a
     * scheduler that is never used costs no threads). Called only between {@link #admit()} and the
     * matching {@link #release()}, so it never races with the exit.
     *
     * @throws SchedulerClosedException if a carrier could not be made (the scheduler is then closed)
     */
    public void ensureStarted() {
        if (started || mainThread || kernel.isDeterministic()) {
            return; // the main-thread scheduler's carrier (and in deterministic mode every scheduler's) is the thread inside Kernel.run
        }
        synchronized (startLock) {
            if (started) {
                return;
            }
            if (startFailure != null) {
                throw startFailure;
            }
            ThreadFactory factory = kernel.carrierFactory();
            try {
                for (Carrier c : carriers) {
                    Thread t = factory.newThread(c);
                    if (t == null || t.isVirtual()) {
                        throw new IllegalStateException("the carrier thread factory returned "
                                + (t == null ? "null" : "a virtual thread") + "; it must return an unstarted platform thread");
                    }
                    t.setName("weft-" + name + "-" + c.index());
                    c.bind(t);
                    aliveCarriers.incrementAndGet();
                    t.start();
                }
            } catch (RuntimeException | Error e) {
                for (Carrier c : carriers) {
                    Thread t = c.thread();
                    if (t != null && t.getState() == Thread.State.NEW) {
                        c.bind(null);
                        aliveCarriers.decrementAndGet();
                    }
                }
                SchedulerClosedException failure = new SchedulerClosedException("scheduler '" + name
                        + "' could not start its carrier threads (it is now closed): " + e);
                failure.initCause(e);
                startFailure = failure;
                close();
                throw failure;
            }
            started = true;
        }
    }

    // ------------------------------------------------------------------ submissions

    /**
     * Queues a task (or a stale duplicate of one) and wakes a parked carrier if any. Never
     * blocks, never rejects (DESIGN.md: a rejected submission strands the thread forever). A task
     * woken by a task running on one of this scheduler's carriers goes to that carrier's LIFO
     * slot instead (see {@link Carrier}); the slot's previous occupant goes to the queue.
     *
     * @param item what to run
     */
    public void submit(QueueItem item) {
        Carrier local = localCarrier();
        if (local != null) {
            item = local.swapNext(item); // runs next on this carrier; the previous occupant is queued
            if (item == null) {
                return;
            }
        }
        enqueue(item);
    }

    /**
     * Queues an item at the back of the shared queue, never in a LIFO slot: a task's first run
     * (spawned tasks keep their FIFO order, as in Tokio) and guests.
     *
     * @param item what to run
     */
    public void enqueue(QueueItem item) {
        queue.offer(item);
        if (exiting) {
            drainAbandoned(); // pairs with carrierExited's drain: one of the two sees the item
        } else if (idle.get() > 0) { // pairs with Carrier.idle's increment-then-recheck
            wakeOne();
        }
    }

    /**
     * The carrier of this scheduler that the caller is a task mounted on, or null: the yield path
     * (the carrier itself, unmounted), other schedulers' tasks, timers, pollers and plain threads
     * all get null and use the shared queue.
     *
     * <p>Only single-carrier schedulers (including the main-thread scheduler) use the slot. With
     * several carriers, a task in one carrier's slot cannot be taken by another: if its waker keeps
     * running (spinning on a flag the woken task would set), it would starve while an idle carrier
     * could run it (found by {@code LinkCombinationTest}'s hogs). With one carrier, nothing else
     * could run it anyway, so the slot costs no liveness there.
     */
    private Carrier localCarrier() {
        if (carriers.length != 1 || !Thread.currentThread().isVirtual()) {
            return null;
        }
        Carrier only = carriers[0];
        return only.thread() == VirtualThreads.currentCarrierThread() ? only : null;
    }

    /** @param continuation a guest virtual thread's continuation (see {@link GuestRun}) */
    public void submitGuest(Runnable continuation) {
        enqueue(new GuestRun(continuation));
    }

    private void wakeOne() {
        for (Carrier c : carriers) {
            if (c.wakeIfParked()) {
                return;
            }
        }
    }

    private void drainAbandoned() {
        if (kernel.isDeterministic()) {
            return; // the queue is shared by every scheduler: the deterministic loop drains it when it ends
        }
        QueueItem item;
        while ((item = queue.poll()) != null) {
            item.abandon();
        }
    }

    // ------------------------------------------------------------------ exit

    private void beginExit() {
        if (!exitBegun.compareAndSet(false, true)) {
            return;
        }
        exiting = true;
        if (aliveCarriers.get() == 0) {
            drainAbandoned();
            kernel.schedulerExited(this); // never started (or main loop not entered): nothing to join
            return;
        }
        for (Carrier c : carriers) {
            c.wakeIfParked();
        }
    }

    void carrierExited(Carrier c) {
        drainAbandoned();
        if (aliveCarriers.decrementAndGet() == 0) {
            kernel.schedulerExited(this);
        }
    }

    /**
     * The main-thread scheduler's loop: the thread inside {@code Kernel.run} becomes its carrier
     * (I3) until the scheduler exits.
     */
    public void runOnCallingThread() {
        if (!mainThread) {
            throw new IllegalStateException(name + " is not the main-thread scheduler");
        }
        Carrier c = carriers[0];
        c.bind(Thread.currentThread());
        aliveCarriers.incrementAndGet();
        started = true;
        c.run();
    }

    /**
     * Called by the reaper (I2) once every carrier weft started for this scheduler has been
     * joined.
     */
    public void markTerminated() {
        terminated.fire();
    }

    /** @return the carrier threads weft started (the reaper joins them) */
    public List<Thread> weftThreads() {
        List<Thread> out = new ArrayList<>(carriers.length);
        for (Carrier c : carriers) {
            Thread t = c.thread();
            if (t != null && c.isWeftThread()) {
                out.add(t);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ waiting

    @Override
    public void awaitTermination() {
        refuseSelfWait();
        terminated.await(this);
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        long deadline = Blocking.deadlineAfter(timeout, "awaitTermination timeout");
        refuseSelfWait();
        return terminated.awaitUntil(this, deadline);
    }

    private void refuseSelfWait() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t != null && t.scheduler() == this) {
            throw new IllegalStateException(t.name() + " (" + t.id() + ") called awaitTermination() on its own scheduler '"
                    + name + "': it would wait for itself");
        }
    }

    // ------------------------------------------------------------------ accessors

    RunQueue queue() {
        return queue;
    }

    AtomicInteger idleCount() {
        return idle;
    }

    boolean isExiting() {
        return exiting;
    }

    /** @return the kernel */
    public KernelImpl kernel() {
        return kernel;
    }

    /** @return whether this is the main-thread scheduler */
    public boolean isMainThread() {
        return mainThread;
    }

    @Override
    public boolean isClosed() {
        return (ctl.get() & CLOSED) != 0;
    }

    @Override
    public boolean isTerminated() {
        return terminated.isFired();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public int liveTasks() {
        return (int) (ctl.get() & COUNT);
    }

    /** @return how many carriers are parked now (a snapshot, for tests of I9) */
    public int idleCarriers() {
        return idle.get();
    }

    @Override
    public String toString() {
        return "Scheduler[" + name + ", threads=" + threads + ", live tasks=" + liveTasks()
                + (isTerminated() ? ", terminated" : exiting ? ", exiting" : isClosed() ? ", closed" : "") + "]";
    }
}
