package dev.weft.bench.workloads;

import dev.weft.Task;
import dev.weft.TaskHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Skynet: a 10-ary tree of tasks whose {@code size} leaves return their index and whose parents
 * sum their children; the root's value must be {@code size * (size - 1) / 2} (499999500000 for
 * a million leaves). Every node is a task: a tree of 1M leaves spawns 1,111,111 tasks.
 *
 * <p>One operation is one leaf, so at the full size (1M leaves) ns/op equals the whole run's
 * milliseconds: the number the cross-language results quote.
 *
 * <p>Variants: weft tasks spawn their children with {@code Task.spawn} and {@code join} them;
 * JDK virtual threads start theirs and {@code Thread.join} them. A fixed platform pool cannot
 * block a pool thread on its children (with one thread per core every thread would wait on a
 * child that never gets a thread), so its variant is continuation-style: each node counts its
 * children down and the last one to finish completes the parent.
 */
public final class Skynet extends TimedWorkload {
    /** The one instance. */
    public static final Skynet INSTANCE = new Skynet();
    private static final int FAN_OUT = 10;

    private Skynet() {
    }

    @Override
    public String id() {
        return "skynet";
    }

    @Override
    public String description() {
        return "10-ary tree of tasks, leaves return their index, parents sum; op = one leaf";
    }

    @Override
    public long fullSize() {
        return 1_000_000;
    }

    @Override
    public long quickSize() {
        return 100_000;
    }

    /** @return the power of ten nearest to {@code size}, at least 10 */
    @Override
    public long normalize(long size) {
        long p = 10;
        while (p < Long.MAX_VALUE / 10 && Math.abs(p * 10 - size) <= Math.abs(p - size)) {
            p *= 10;
        }
        return p;
    }

    @Override
    public long execute(Session session, long size) throws Exception {
        long sum = switch (session) {
            case Session.Weft w -> w.call(() -> weft(0, size));
            case Session.JdkVirtual j -> j.call(() -> jdk(0, size));
            case Session.PlatformPool p -> pool(p.pool(), size);
        };
        check("skynet(" + size + ") sum", size * (size - 1) / 2, sum);
        return size;
    }

    // ------------------------------------------------------------------ weft

    static long weft(long num, long size) {
        if (size == 1) {
            return num;
        }
        long child = size / FAN_OUT;
        @SuppressWarnings("unchecked")
        TaskHandle<Long>[] children = new TaskHandle[FAN_OUT];
        for (int i = 0; i < FAN_OUT; i++) {
            long n = num + i * child;
            children[i] = Task.spawn(() -> weft(n, child));
        }
        long sum = 0;
        for (TaskHandle<Long> c : children) {
            sum += c.join();
        }
        return sum;
    }

    // ------------------------------------------------------------------ JDK virtual threads

    private static final class JdkNode implements Runnable {
        private final long num;
        private final long size;
        long result;

        JdkNode(long num, long size) {
            this.num = num;
            this.size = size;
        }

        @Override
        public void run() {
            try {
                result = jdk(num, size);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static long jdk(long num, long size) throws InterruptedException {
        if (size == 1) {
            return num;
        }
        long child = size / FAN_OUT;
        JdkNode[] nodes = new JdkNode[FAN_OUT];
        Thread[] threads = new Thread[FAN_OUT];
        for (int i = 0; i < FAN_OUT; i++) {
            nodes[i] = new JdkNode(num + i * child, child);
            threads[i] = Thread.ofVirtual().start(nodes[i]);
        }
        long sum = 0;
        for (int i = 0; i < FAN_OUT; i++) {
            threads[i].join();
            sum += nodes[i].result;
        }
        return sum;
    }

    // ------------------------------------------------------------------ platform pool

    private static final class PoolNode implements Runnable {
        private final ExecutorService pool;
        private final long num;
        private final long size;
        private final PoolNode parent;
        private final CompletableFuture<Long> root;
        private final AtomicInteger pending = new AtomicInteger(FAN_OUT);
        private final AtomicLong sum = new AtomicLong();

        PoolNode(ExecutorService pool, long num, long size, PoolNode parent, CompletableFuture<Long> root) {
            this.pool = pool;
            this.num = num;
            this.size = size;
            this.parent = parent;
            this.root = root;
        }

        @Override
        public void run() {
            if (size == 1) {
                done(num);
                return;
            }
            long child = size / FAN_OUT;
            for (int i = 0; i < FAN_OUT; i++) {
                pool.execute(new PoolNode(pool, num + i * child, child, this, root));
            }
        }

        private void childDone(long value) {
            sum.addAndGet(value);
            if (pending.decrementAndGet() == 0) {
                done(sum.get());
            }
        }

        private void done(long value) {
            if (parent == null) {
                root.complete(value);
            } else {
                parent.childDone(value);
            }
        }
    }

    static long pool(ExecutorService pool, long size) throws Exception {
        CompletableFuture<Long> root = new CompletableFuture<>();
        pool.execute(new PoolNode(pool, 0, size, null, root));
        return root.get();
    }
}
