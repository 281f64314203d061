package dev.weft.bench.workloads;

import dev.weft.Channel;
import dev.weft.ChannelClosedException;
import dev.weft.Scheduler;
import dev.weft.TaskHandle;
import dev.weft.TaskState;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;

/**
 * Idle: {@value #TASKS} tasks blocked on a receive while nothing happens for {@code size}
 * milliseconds; the result is the process CPU time used meanwhile
 * ({@code com.sun.management.OperatingSystemMXBean.getProcessCpuTime}) as a percentage of one
 * core. On weft, the kernel has {@value #SCHEDULERS} schedulers (the session's and three more
 * with as many carriers) and the tasks are spread over them; on the JDK, they are virtual
 * threads blocked on {@link SynchronousQueue#take}. The window opens once every task is parked
 * and 100 ms more have passed, so start-up work is not counted; whatever else the JVM does
 * meanwhile (JIT, GC, other sessions' idle carriers) is.
 *
 * <p>Resolution: on Linux {@code getProcessCpuTime} counts whole clock ticks ({@code times(2)},
 * 10 ms), so over a 2 s window one tick is 0.5% of one core; a median of 0 means fewer than one
 * tick was spent in the window.
 *
 * <p>The driver is itself a task of the runtime (sleeping through the window).
 *
 * <p>Not on the platform pool: 1,000 blocked tasks would need 1,000 threads.
 */
public final class Idle implements Workload {
    /** The one instance. */
    public static final Idle INSTANCE = new Idle();
    /** Blocked tasks. */
    public static final int TASKS = 1_000;
    /** weft schedulers in the kernel. */
    public static final int SCHEDULERS = 4;
    private static final long SETTLE_MS = 100;

    private Idle() {
    }

    @Override
    public String id() {
        return "idle";
    }

    @Override
    public Unit unit() {
        return Unit.CPU_PERCENT;
    }

    @Override
    public String description() {
        return TASKS + " blocked tasks (weft: over " + SCHEDULERS + " schedulers) sit idle; process CPU as % of one core";
    }

    /** @return the idle window in milliseconds */
    @Override
    public long fullSize() {
        return 2_000;
    }

    /** The same 2 s as the full suite: the CPU clock ticks in 10 ms, so a shorter window is coarser. */
    @Override
    public long quickSize() {
        return 2_000;
    }

    @Override
    public long normalize(long size) {
        return Math.max(50, size);
    }

    /** No warm-up: nothing to compile while idle; the window opens after the tasks parked. */
    @Override
    public int warmups(int planned) {
        return 0;
    }

    /** Three runs: each is a whole idle window. */
    @Override
    public int runs(int planned) {
        return Math.min(planned, 3);
    }

    @Override
    public Optional<String> unsupported(RuntimeId runtime) {
        return runtime == RuntimeId.PLATFORM_POOL
                ? Optional.of("1,000 blocked tasks would need 1,000 threads")
                : Optional.empty();
    }

    @Override
    public double measure(Session session, long millis) throws Exception {
        return switch (session) {
            case Session.Weft w -> w.call(() -> weft(w, millis));
            case Session.JdkVirtual j -> j.call(() -> jdk(millis));
            case Session.PlatformPool p -> throw new UnsupportedOperationException(unsupported(p.runtime()).orElseThrow());
        };
    }

    private static double weft(Session.Weft session, long millis) throws InterruptedException {
        List<Scheduler> schedulers = new ArrayList<>();
        schedulers.add(session.scheduler());
        for (int i = 1; i < SCHEDULERS; i++) {
            schedulers.add(session.newSibling("idle-" + i + "-" + System.nanoTime()));
        }
        Channel<Object> ch = Channel.rendezvous();
        TaskHandle<?>[] tasks = new TaskHandle<?>[TASKS];
        for (int i = 0; i < TASKS; i++) {
            tasks[i] = schedulers.get(i % SCHEDULERS).spawn(() -> {
                try {
                    ch.receive();
                } catch (ChannelClosedException expected) {
                    // the run is over
                }
            });
        }
        for (TaskHandle<?> t : tasks) {
            while (t.state() != TaskState.BLOCKED) {
                Thread.sleep(1);
            }
        }
        double cpu = cpuPercentWhileSleeping(millis);
        ch.close();
        for (TaskHandle<?> t : tasks) {
            t.join();
        }
        for (int i = 1; i < SCHEDULERS; i++) {
            schedulers.get(i).close();
            schedulers.get(i).awaitTermination();
        }
        return cpu;
    }

    private static double jdk(long millis) throws InterruptedException {
        SynchronousQueue<Object> q = new SynchronousQueue<>();
        Thread[] threads = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    q.take();
                } catch (InterruptedException expected) {
                    // the run is over
                }
            });
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
        double cpu = cpuPercentWhileSleeping(millis);
        for (int i = 0; i < threads.length; i++) {
            q.put(Boolean.TRUE); // hands off to the longest waiter; interrupting a million waiters
        }                        // instead costs O(n) each in SynchronousQueue's unsplicing
        for (Thread t : threads) {
            t.join();
        }
        return cpu;
    }

    /** Sleeps {@code millis} after a short settle; returns the process CPU used as % of one core. */
    static double cpuPercentWhileSleeping(long millis) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(SETTLE_MS);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Thread.sleep(millis);
        long cpu1 = os.getProcessCpuTime();
        long wall1 = System.nanoTime();
        return 100.0 * (cpu1 - cpu0) / (wall1 - wall0);
    }
}
