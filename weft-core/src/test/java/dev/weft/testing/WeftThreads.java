package dev.weft.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Helpers to look at the platform threads weft starts. */
public final class WeftThreads {
    private WeftThreads() {
    }

    /** @return names of live platform threads weft started (carriers and reapers) */
    public static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("weft-"))
                .sorted()
                .toList();
    }

    /** @return live platform threads whose name starts with {@code prefix} */
    public static List<Thread> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(prefix))
                .toList();
    }

    /**
     * Waits (bounded) until every given thread is parked (WAITING), i.e. idle. Fails after 10 s.
     *
     * @param threads carriers
     */
    public static void awaitAllWaiting(List<Thread> threads) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("carriers did not park: " + threads.stream().map(t -> t.getName() + "=" + t.getState()).toList());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** @return total CPU nanoseconds used so far by the given threads */
    public static long cpuNanos(List<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : threads) {
            sum += Math.max(0, mx.getThreadCpuTime(t.threadId()));
        }
        return sum;
    }

    /**
     * The platform thread a virtual thread is mounted on (read reflectively; tests run with
     * {@code --add-opens java.base/java.lang}).
     *
     * @param vthread a mounted virtual thread (normally Thread.currentThread() in a task)
     * @return its carrier
     */
    public static Thread carrierOf(Thread vthread) {
        try {
            var f = Class.forName("java.lang.VirtualThread").getDeclaredField("carrierThread");
            f.setAccessible(true);
            return (Thread) f.get(vthread);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Measures how much CPU the given threads use during a window of wall-clock time (an
     * idleness measurement, not a wait for a result).
     *
     * @param threads the threads
     * @param window  how long to watch
     * @return CPU nanoseconds used in the window
     */
    public static long cpuUsedDuring(List<Thread> threads, java.time.Duration window) {
        long before = cpuNanos(threads);
        long end = System.nanoTime() + window.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
        return cpuNanos(threads) - before;
    }
}
