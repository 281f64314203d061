package dev.weft.bench.workloads;

import dev.weft.Channel;
import dev.weft.ChannelClosedException;
import dev.weft.Scheduler;
import dev.weft.TaskHandle;
import dev.weft.TaskState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;

/**
 * Parked memory: {@code size} tasks blocked at once on a receive (weft: one
 * {@code Channel.rendezvous()}; JDK: one {@link SynchronousQueue#take}); the result is heap
 * bytes per parked task: heap used after a full GC with every task parked, minus heap used
 * after a full GC before they were spawned, over {@code size}. It counts the task objects, the
 * virtual thread, its parked stack (stack chunks live on the heap) and the channel's waiter
 * node; not the handle array, which is allocated before the baseline. Off-heap memory (RSS,
 * thread stacks of carriers) is not counted.
 *
 * <p>The driver (spawn, wait until all are parked, measure, release, join) is itself a task of
 * the runtime, so its joins are cheap task parks.
 *
 * <p>Not on the platform pool: a million blocked tasks would need a million threads.
 */
public final class ParkedMemory implements Workload {
    /** The one instance. */
    public static final ParkedMemory INSTANCE = new ParkedMemory();

    private ParkedMemory() {
    }

    @Override
    public String id() {
        return "parked-memory";
    }

    @Override
    public Unit unit() {
        return Unit.BYTES_PER_TASK;
    }

    @Override
    public String description() {
        return "tasks blocked on a receive at once; heap bytes per parked task after a full GC";
    }

    @Override
    public long fullSize() {
        return 1_000_000;
    }

    @Override
    public long quickSize() {
        return 50_000;
    }

    /** One warm-up: the first run also grows tables that later runs find already grown. */
    @Override
    public int warmups(int planned) {
        return Math.min(planned, 1);
    }

    /** Three runs: heap after a full GC varies little, and a run takes seconds. */
    @Override
    public int runs(int planned) {
        return Math.min(planned, 3);
    }

    @Override
    public Optional<String> unsupported(RuntimeId runtime) {
        return runtime == RuntimeId.PLATFORM_POOL
                ? Optional.of("a blocked task holds a platform thread: 1M would need 1M threads")
                : Optional.empty();
    }

    @Override
    public double measure(Session session, long size) throws Exception {
        int n = Math.toIntExact(size);
        return switch (session) {
            case Session.Weft w -> w.call(() -> weft(w.scheduler(), n));
            case Session.JdkVirtual j -> j.call(() -> jdk(n));
            case Session.PlatformPool p -> throw new UnsupportedOperationException(unsupported(p.runtime()).orElseThrow());
        };
    }

    private static double weft(Scheduler scheduler, int n) throws InterruptedException {
        TaskHandle<?>[] tasks = new TaskHandle<?>[n];
        long before = heapAfterGc();
        Channel<Object> ch = Channel.rendezvous();
        for (int i = 0; i < n; i++) {
            tasks[i] = scheduler.spawn(() -> {
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
        long after = heapAfterGc();
        ch.close();
        for (TaskHandle<?> t : tasks) {
            t.join();
        }
        return (double) (after - before) / n;
    }

    private static double jdk(int n) throws InterruptedException {
        Thread[] threads = new Thread[n];
        long before = heapAfterGc();
        SynchronousQueue<Object> q = new SynchronousQueue<>();
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < n; i++) {
            threads[i] = builder.start(() -> {
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
        long after = heapAfterGc();
        for (int i = 0; i < threads.length; i++) {
            q.put(Boolean.TRUE); // hands off to the longest waiter; interrupting a million waiters
        }                        // instead costs O(n) each in SynchronousQueue's unsplicing
        for (Thread t : threads) {
            t.join();
        }
        return (double) (after - before) / n;
    }

    /** @return heap bytes in use after full GCs (repeated until it stops shrinking much) */
    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now > used - (used >> 8)) { // within 0.4% of the previous one: settled
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
