package dev.weft.bench.workloads;

import dev.weft.Task;
import dev.weft.TaskAction;
import dev.weft.TaskHandle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Spawn-join: {@code size} trivial tasks spawned and joined, in batches of {@value #BATCH}
 * (spawn a batch, join it, repeat), by one driver. One operation is one task spawned and joined.
 *
 * <p>The driver is a task of the runtime (a weft task, a virtual thread) so that spawn and
 * join take the in-runtime paths. On the platform pool the driver is the calling thread
 * ({@code submit} + {@code Future.get}), leaving every pool thread to the tasks.
 */
public final class SpawnJoin extends TimedWorkload {
    /** The one instance. */
    public static final SpawnJoin INSTANCE = new SpawnJoin();
    /** Tasks spawned before the driver joins them. */
    public static final int BATCH = 1_000;

    private static final TaskAction NOTHING = () -> { };
    private static final Runnable NOTHING_RUNNABLE = () -> { };

    private SpawnJoin() {
    }

    @Override
    public String id() {
        return "spawn-join";
    }

    @Override
    public String description() {
        return "trivial tasks spawned and joined in batches of " + BATCH + "; op = one task";
    }

    @Override
    public long fullSize() {
        return 1_000_000;
    }

    @Override
    public long quickSize() {
        return 200_000;
    }

    @Override
    public long execute(Session session, long size) throws Exception {
        long joined = switch (session) {
            case Session.Weft w -> w.call(() -> weft(size));
            case Session.JdkVirtual j -> j.call(() -> jdk(size));
            case Session.PlatformPool p -> pool(p.pool(), size);
        };
        check("spawn-join tasks joined", size, joined);
        return size;
    }

    static long weft(long size) {
        TaskHandle<?>[] batch = new TaskHandle<?>[BATCH];
        long joined = 0;
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(BATCH, size - done);
            for (int i = 0; i < n; i++) {
                batch[i] = Task.spawn(NOTHING);
            }
            for (int i = 0; i < n; i++) {
                batch[i].join();
                batch[i] = null;
                joined++;
            }
            done += n;
        }
        return joined;
    }

    static long jdk(long size) throws InterruptedException {
        Thread[] batch = new Thread[BATCH];
        Thread.Builder builder = Thread.ofVirtual();
        long joined = 0;
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(BATCH, size - done);
            for (int i = 0; i < n; i++) {
                batch[i] = builder.start(NOTHING_RUNNABLE);
            }
            for (int i = 0; i < n; i++) {
                batch[i].join();
                batch[i] = null;
                joined++;
            }
            done += n;
        }
        return joined;
    }

    static long pool(ExecutorService pool, long size) throws Exception {
        Future<?>[] batch = new Future<?>[BATCH];
        long joined = 0;
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(BATCH, size - done);
            for (int i = 0; i < n; i++) {
                batch[i] = pool.submit(NOTHING_RUNNABLE);
            }
            for (int i = 0; i < n; i++) {
                batch[i].get();
                batch[i] = null;
                joined++;
            }
            done += n;
        }
        return joined;
    }
}
