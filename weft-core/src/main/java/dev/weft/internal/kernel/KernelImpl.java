package dev.weft.internal.kernel;

import dev.weft.Kernel;
import dev.weft.KernelConfig;
import dev.weft.Link;
import dev.weft.Scheduler;
import dev.weft.SchedulerSpec;
import dev.weft.TaskBody;
import dev.weft.TaskHandle;
import dev.weft.TaskId;
import dev.weft.TaskInfo;
import dev.weft.TaskInterruptedException;
import dev.weft.internal.carrier.VirtualThreads;
import dev.weft.internal.determinism.DeterministicLoop;
import dev.weft.internal.determinism.SeededRunQueue;
import dev.weft.internal.determinism.VirtualClock;
import dev.weft.internal.sched.RunQueue;
import dev.weft.internal.sched.SchedulerImpl;
import dev.weft.internal.task.Blocking;
import dev.weft.internal.task.Signal;
import dev.weft.internal.task.TaskImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel: the task registry, the schedulers, the reaper, the exit status.
 *
 * <h2>Life cycle</h2>
 * <pre>
 * RUNNING  --shutdown() (close(), or in Kernel.run the last task ended, or fail())--> SHUTDOWN
 * SHUTDOWN --live scheduler count reaches 0 (I8)-->                                 TERMINATED
 * </pre>
 * {@code schedCtl} packs the SHUTDOWN bit and the live-scheduler count in one atomic word:
 * {@link #newScheduler} can never add a scheduler after the count was seen to reach zero under
 * SHUTDOWN. Whoever moves the word to (SHUTDOWN, 0) — the reaper counting out the last scheduler,
 * or {@code shutdown()} finding none — tells the reaper to finish; the reaper fires
 * {@link #terminatedSignal()} and ends; waiters then join it (I1). One counter, one signal, no
 * polling.
 *
 * <h2>Kernel-wide state a spawn touches (I12)</h2>
 * The id counter and the live-task counter (atomics) and the registry (a
 * {@link ConcurrentHashMap}: striped, lock-free reads). Never a scheduler lock of the spawner's.
 *
 * <h2>Seams (DESIGN.md)</h2>
 * {@link #clock()} (timeouts and sleep), {@link #random()} (select, randomised policies), the
 * run-queue {@link RunQueue.Policy}, the carrier {@link ThreadFactory}, the failure reporter (in
 * {@link Failures}), and per-kernel task ids.
 */
public final class KernelImpl implements Kernel {
    private static final long SHUTDOWN = 1L << 62;
    private static final long COUNT = SHUTDOWN - 1;

    private final KernelConfig config;
    private final boolean runMode;
    private final KernelClock clock;
    private final KernelRandom random;
    private final ThreadFactory carrierFactory;
    private final RunQueue.Policy queuePolicy;
    /** Deterministic mode's shared queue (null in normal mode). */
    private final SeededRunQueue seededQueue;
    private final Failures failures;

    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong liveTasks = new AtomicLong();
    private final ConcurrentHashMap<TaskId, TaskImpl<?>> registry = new ConcurrentHashMap<>(); // keyed by the task's own TaskId: no boxing

    private final AtomicLong schedCtl = new AtomicLong();
    private final AtomicInteger schedulerSeq = new AtomicInteger();
    private final ConcurrentHashMap<String, SchedulerImpl> schedulersByName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SchedulerImpl, Integer> creationOrder = new ConcurrentHashMap<>();
    private final Signal terminated = new Signal();
    private final Reaper reaper;
    private final SchedulerImpl mainScheduler;
    private final SchedulerImpl defaultScheduler;

    private volatile int exitStatus;

    private KernelImpl(KernelConfig config, boolean runMode) {
        this.config = Objects.requireNonNull(config, "kernel config");
        this.runMode = runMode;
        this.random = new KernelRandom(config.randomSeed().orElse(System.nanoTime()));
        if (config.isDeterministic()) {
            SeededRunQueue shared = new SeededRunQueue(random);
            this.seededQueue = shared;
            this.queuePolicy = carriers -> shared; // one queue for every scheduler, drained by Kernel.run's thread
            this.clock = new VirtualClock();
        } else {
            this.seededQueue = null;
            this.queuePolicy = RunQueue.Policy.FIFO;
            this.clock = KernelClock.SYSTEM;
        }
        this.carrierFactory = config.carrierThreadFactory().orElse(Thread.ofPlatform().factory());
        this.failures = new Failures(this, config.failureReporter().orElse(null));
        this.reaper = new Reaper(this);
        this.mainScheduler = runMode ? addScheduler("main", 1, true, false) : null;
        this.defaultScheduler = addScheduler("default", config.defaultThreads(), false, false);
        reaper.start();
    }

    // ------------------------------------------------------------------ entry points

    /** {@code Kernel.run}: see its javadoc. */
    public static int run(KernelConfig config, TaskBody<?> main) {
        Objects.requireNonNull(config, "kernel config");
        Objects.requireNonNull(main, "main task body");
        if (TaskImpl.currentOrNull() != null || Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("Kernel.run must be called from a platform thread outside any task "
                    + "(it makes the calling thread a carrier); it was called on \"" + Thread.currentThread().getName() + "\"");
        }
        boot();
        KernelImpl k = new KernelImpl(config, true);
        try {
            k.spawn(k.mainScheduler, "main", null, Link.UNLINKED, main, true);
        } catch (RuntimeException | Error e) {
            k.shutdown(); // closes the main scheduler with no task: it exits without its loop
            k.awaitTerminationUninterruptibly();
            throw e;
        }
        if (k.isDeterministic()) {
            new DeterministicLoop(k, k.seededQueue, (VirtualClock) k.clock, config.deterministicSeed().orElseThrow()).run();
        } else {
            k.mainScheduler.runOnCallingThread(); // I3: this thread is the main scheduler's carrier
        }
        return k.awaitTerminationUninterruptibly();
    }

    /** {@code Kernel.start}: see its javadoc. */
    public static Kernel start(KernelConfig config) {
        Objects.requireNonNull(config, "kernel config");
        if (config.isDeterministic()) {
            throw new IllegalArgumentException("Kernel.start(" + config + "): deterministic mode runs every task on "
                    + "the thread that calls Kernel.run, so only Kernel.run accepts it");
        }
        boot();
        return new KernelImpl(config, false);
    }

    /** {@code Kernel.current()}. */
    public static Kernel current() {
        return TaskImpl.currentOrThrow("Kernel.current()").kernel();
    }

    private static void boot() {
        VirtualThreads.ensureAvailable();
        VirtualThreads.initSocketPollers();
    }

    // ------------------------------------------------------------------ spawning

    /**
     * Spawns a task: admit it on {@code target}, start the carriers if needed, register it, start
     * its virtual thread. Touches only {@code target} and kernel-wide lock-free state (I12).
     *
     * @return the task
     */
    public <T> TaskImpl<T> spawn(SchedulerImpl target, String name, TaskImpl<?> parent, Link link, TaskBody<T> body,
                                 boolean main) {
        target.admit();
        TaskImpl<T> t;
        Thread vt;
        try {
            target.ensureStarted();
            long id = ids.incrementAndGet();
            t = new TaskImpl<>(this, target, id, name, parent, link, body, main);
            vt = VirtualThreads.newThread(t, t.name(), t);
            t.bind(vt);
        } catch (RuntimeException | Error e) {
            target.release();
            throw e;
        }
        liveTasks.incrementAndGet();
        registry.put(t.id(), t); // volatile write; then read the parent's kill state (pairs with Failures.markDescendants)
        if (isFailed() || (parent != null && t.link() != Link.UNLINKED && parent.isDoomed())) {
            t.killOnly(); // its body will not run; outcome Killed
        }
        vt.start();
        return t;
    }

    /** Removes a reaped task from the registry (I6, I11). */
    public void unregister(TaskImpl<?> t) {
        registry.remove(t.id());
    }

    /** A task was reaped; in {@code Kernel.run}, the last one closes every scheduler. */
    public void taskEnded(TaskImpl<?> t) {
        if (liveTasks.decrementAndGet() == 0 && runMode) {
            shutdown();
        }
    }

    // ------------------------------------------------------------------ schedulers

    @Override
    public Scheduler mainScheduler() {
        if (mainScheduler == null) {
            throw new IllegalStateException("an embedded kernel (Kernel.start) has no main-thread scheduler; "
                    + "only Kernel.run has one");
        }
        return mainScheduler;
    }

    @Override
    public Scheduler defaultScheduler() {
        return defaultScheduler;
    }

    @Override
    public Scheduler newScheduler(SchedulerSpec spec) {
        Objects.requireNonNull(spec, "scheduler spec");
        return addScheduler(spec.name().orElse(null), spec.threads(), false, false);
    }

    /**
     * A scheduler for one spawn ({@code TaskBuilder.newScheduler}): it closes itself when its live
     * task count reaches 0.
     */
    public SchedulerImpl newEphemeralScheduler(SchedulerSpec spec) {
        return addScheduler(spec.name().orElse(null), spec.threads(), false, true);
    }

    private SchedulerImpl addScheduler(String name, int threads, boolean mainThread, boolean ephemeral) {
        for (;;) {
            long c = schedCtl.get();
            if ((c & SHUTDOWN) != 0) {
                throw new IllegalStateException("the kernel is shutting down: it makes no new schedulers");
            }
            if (schedCtl.compareAndSet(c, c + 1)) {
                break;
            }
        }
        for (;;) {
            int seq = schedulerSeq.incrementAndGet();
            String n = name != null ? name : "scheduler-" + seq;
            SchedulerImpl s = new SchedulerImpl(this, n, threads, mainThread, ephemeral, queuePolicy);
            if (schedulersByName.putIfAbsent(n, s) == null) {
                creationOrder.put(s, seq);
                return s;
            }
            if (name != null) {
                schedulerGone();
                throw new IllegalArgumentException("a live scheduler of this kernel is already named '" + name + "'");
            }
        }
    }

    /** Called when a scheduler has exited (its last carrier left): the reaper joins it. */
    public void schedulerExited(SchedulerImpl s) {
        reaper.schedulerExited(s);
    }

    /** Called by the reaper once a scheduler's carriers are joined. */
    void schedulerJoined(SchedulerImpl s) {
        schedulersByName.remove(s.name(), s);
        creationOrder.remove(s);
        schedulerGone();
    }

    private void schedulerGone() {
        long c = schedCtl.decrementAndGet();
        if (c == SHUTDOWN) {
            reaper.finish(); // I8: the last scheduler is gone
        }
    }

    @Override
    public int liveSchedulers() {
        return (int) (schedCtl.get() & COUNT);
    }

    @Override
    public List<Scheduler> schedulers() {
        // Read each scheduler's creation number once, before sorting: a scheduler that exits during
        // the sort would otherwise change its key mid-sort and TimSort throws "Comparison method
        // violates its general contract" (found by ChaosStressTest; ChaosRegressionTest).
        List<java.util.Map.Entry<Integer, SchedulerImpl>> live = new ArrayList<>();
        for (SchedulerImpl s : schedulersByName.values()) {
            live.add(java.util.Map.entry(creationOrder.getOrDefault(s, Integer.MAX_VALUE), s));
        }
        live.sort(java.util.Map.Entry.comparingByKey());
        return live.stream().<Scheduler>map(java.util.Map.Entry::getValue).toList();
    }

    // ------------------------------------------------------------------ tasks

    @Override
    public Optional<TaskHandle<?>> lookup(TaskId id) {
        Objects.requireNonNull(id, "task id");
        return Optional.ofNullable(registry.get(id));
    }

    @Override
    public List<TaskInfo> tasks() {
        List<TaskInfo> out = new ArrayList<>();
        for (TaskImpl<?> t : registry.values()) {
            out.add(t.info());
        }
        out.sort(Comparator.comparing(TaskInfo::id));
        return out;
    }

    /** @return the number of tasks not yet reaped */
    public long liveTaskCount() {
        return liveTasks.get();
    }

    /** @return whether this is a deterministic kernel (every task on the thread inside Kernel.run) */
    public boolean isDeterministic() {
        return seededQueue != null;
    }

    /** @return every live task (a snapshot) */
    public List<TaskImpl<?>> liveTaskList() {
        return new ArrayList<>(registry.values());
    }

    // ------------------------------------------------------------------ failure and status

    @Override
    public void fail(Throwable cause) {
        Objects.requireNonNull(cause, "failure cause");
        failures.kernelFailed(cause);
    }

    @Override
    public boolean isFailed() {
        return failures.kernelFailure() != null;
    }

    @Override
    public void setExitStatus(int status) {
        this.exitStatus = status;
    }

    /** @return 101 if failed, else what setExitStatus set (0 by default) */
    public int exitStatus() {
        return isFailed() ? 101 : exitStatus;
    }

    // ------------------------------------------------------------------ shutdown and termination

    @Override
    public void shutdown() {
        long c = schedCtl.getAndUpdate(v -> v | SHUTDOWN);
        if ((c & SHUTDOWN) != 0) {
            return;
        }
        reaper.shutdownBegan();
        if ((c & COUNT) == 0) {
            reaper.finish();
        }
        for (SchedulerImpl s : schedulersByName.values()) {
            s.close();
        }
    }

    /** @return whether shutdown has begun */
    public boolean isShutdown() {
        return (schedCtl.get() & SHUTDOWN) != 0;
    }

    @Override
    public int awaitTermination() {
        refuseSelfWait("awaitTermination()");
        terminated.await(this);
        joinReaper();
        return exitStatus();
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        long deadline = Blocking.deadlineAfter(timeout, "awaitTermination timeout");
        refuseSelfWait("awaitTermination(" + timeout + ")");
        if (!terminated.awaitUntil(this, deadline)) {
            return false;
        }
        joinReaper();
        return true;
    }

    @Override
    public void close() {
        refuseSelfWait("close()");
        shutdown();
        awaitTermination();
    }

    private int awaitTerminationUninterruptibly() {
        boolean interrupted = false;
        for (;;) {
            try {
                terminated.await(this);
                break;
            } catch (TaskInterruptedException e) {
                Thread.interrupted();
                interrupted = true;
            }
        }
        joinReaper();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return exitStatus();
    }

    private void joinReaper() {
        boolean interrupted = false;
        while (reaper.thread().isAlive()) {
            try {
                reaper.thread().join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuseSelfWait(String what) {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t != null && t.kernel() == this) {
            throw new IllegalStateException(t.name() + " (" + t.id() + ") called Kernel." + what
                    + " on its own kernel: it would wait for itself");
        }
    }

    /**
     * The shutdown timeout passed: fail the kernel, complete every live task's handle as Killed,
     * and name the carriers that are abandoned (still running tasks that ignore kill).
     */
    void abandonStuckTasks() {
        List<String> carriers = new ArrayList<>();
        for (SchedulerImpl s : schedulersByName.values()) {
            if (!s.isTerminated()) {
                for (Thread t : s.weftThreads()) {
                    if (t.isAlive()) {
                        carriers.add(t.getName());
                    }
                }
            }
        }
        List<TaskImpl<?>> stuck = liveTaskList();
        failures.kernelFailed(new IllegalStateException("the kernel's shutdown timed out after "
                + config.shutdownTimeout().orElseThrow() + " with " + stuck.size() + " task(s) still alive; abandoned carriers: "
                + carriers));
        for (TaskImpl<?> t : stuck) {
            t.publishAbandoned();
        }
        System.err.println("weft: shutdown timed out; abandoned carrier threads " + carriers + " still run tasks "
                + stuck.stream().map(t -> t.id() + " '" + t.name() + "'").toList());
    }

    /** Prints every live task: the shutdown grace has passed and they have not ended. */
    void reportStillAlive() {
        failures.reportStillAlive(liveTaskList(), config.shutdownGrace());
    }

    // ------------------------------------------------------------------ accessors

    /** @return the config */
    public KernelConfig config() {
        return config;
    }

    /** @return the kernel clock (the seam deterministic mode replaces) */
    public KernelClock clock() {
        return clock;
    }

    /** @return the kernel's random source */
    public KernelRandom random() {
        return random;
    }

    /** @return the carrier thread factory */
    public ThreadFactory carrierFactory() {
        return carrierFactory;
    }

    /** @return failure and kill propagation */
    public Failures failures() {
        return failures;
    }

    Signal terminatedSignal() {
        return terminated;
    }

    /** @return whether this kernel was made by {@code Kernel.run} */
    public boolean isRunMode() {
        return runMode;
    }

    /** @return the reaper thread (for tests of I1/I2) */
    public Thread reaperThread() {
        return reaper.thread();
    }

    @Override
    public String toString() {
        return "Kernel[" + (runMode ? "run" : "embedded") + ", schedulers=" + liveSchedulers() + ", tasks="
                + registry.size() + (isFailed() ? ", failed" : isShutdown() ? ", shut down" : "") + "]";
    }
}
