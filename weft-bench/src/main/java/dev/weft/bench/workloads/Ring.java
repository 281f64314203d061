package dev.weft.bench.workloads;

import dev.weft.Scheduler;
import dev.weft.TaskHandle;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Thread-ring (the Benchmarks Game): {@value #NODES} tasks in a ring pass a token {@code size}
 * times; each task waits for the token, decrements it and hands it to the next; the task that
 * receives 0 ends the ring and must be task number {@code size % 503}. One operation is one hop.
 *
 * <p>The hand-off is {@link LockSupport} park/unpark on a per-node mailbox, the way the fastest
 * Java thread-ring entries do it: the cost measured is the runtime's task switch, not a queue's.
 * Not on the platform pool: 503 tasks blocked at once need 503 threads.
 */
public final class Ring extends TimedWorkload {
    /** The one instance. */
    public static final Ring INSTANCE = new Ring();
    /** Tasks in the ring (the Benchmarks Game's number). */
    public static final int NODES = 503;

    private Ring() {
    }

    @Override
    public String id() {
        return "ring";
    }

    @Override
    public String description() {
        return NODES + " tasks in a ring pass a token (park/unpark hand-off); op = one hop";
    }

    @Override
    public long fullSize() {
        return 1_000_000;
    }

    @Override
    public long quickSize() {
        return 300_000;
    }

    @Override
    public Optional<String> unsupported(RuntimeId runtime) {
        return runtime == RuntimeId.PLATFORM_POOL
                ? Optional.of(NODES + " tasks blocked at once need " + NODES + " threads, not one per core")
                : Optional.empty();
    }

    /** One ring: its nodes, and who ended it. */
    static final class RingState {
        final Node[] nodes = new Node[NODES];
        final CountDownLatch started = new CountDownLatch(NODES);
        volatile boolean done;
        volatile int finisher = -1;

        RingState() {
            for (int i = 0; i < NODES; i++) {
                nodes[i] = new Node(this, i);
            }
            for (int i = 0; i < NODES; i++) {
                nodes[i].next = nodes[(i + 1) % NODES];
            }
        }

        /** Puts {@code hops} on node 0 once every node is waiting. */
        void inject(long hops) throws InterruptedException {
            started.await();
            nodes[0].token = hops;
            LockSupport.unpark(nodes[0].thread);
        }
    }

    static final class Node implements Runnable {
        private static final long NONE = -1;
        private final RingState ring;
        private final int index;
        Node next;
        volatile Thread thread;
        volatile long token = NONE;

        Node(RingState ring, int index) {
            this.ring = ring;
            this.index = index;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            ring.started.countDown();
            for (;;) {
                long t;
                while ((t = token) == NONE) {
                    if (ring.done) {
                        return;
                    }
                    LockSupport.park(this);
                }
                token = NONE;
                if (t == 0) {
                    ring.finisher = index;
                    ring.done = true;
                    for (Node n : ring.nodes) {
                        LockSupport.unpark(n.thread);
                    }
                    return;
                }
                Node n = next;
                n.token = t - 1;
                LockSupport.unpark(n.thread);
            }
        }
    }

    @Override
    public long execute(Session session, long size) throws Exception {
        RingState ring = new RingState();
        switch (session) {
            case Session.Weft w -> {
                Scheduler s = w.scheduler();
                TaskHandle<?>[] hs = new TaskHandle<?>[NODES];
                for (int i = 0; i < NODES; i++) {
                    hs[i] = s.spawn(ring.nodes[i]::run);
                }
                ring.inject(size);
                for (TaskHandle<?> h : hs) {
                    h.join();
                }
            }
            case Session.JdkVirtual j -> {
                Thread[] ts = new Thread[NODES];
                for (int i = 0; i < NODES; i++) {
                    ts[i] = Thread.ofVirtual().start(ring.nodes[i]);
                }
                ring.inject(size);
                for (Thread t : ts) {
                    t.join();
                }
            }
            case Session.PlatformPool p -> throw new UnsupportedOperationException(unsupported(p.runtime()).orElseThrow());
        }
        check("ring: the task that got token 0", size % NODES, ring.finisher);
        return size;
    }
}
