package dev.weft.bench.workloads;

import dev.weft.Channel;
import dev.weft.Scheduler;
import dev.weft.TaskHandle;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;

/**
 * Fan-in: {@value #SENDERS} senders and one receiver move {@code size} messages through one
 * bounded queue of {@value #CAPACITY}; one operation is one message. weft uses
 * {@code Channel.bounded(1024)}; the JDK variants {@code ArrayBlockingQueue(1024)}
 * ({@link #jdk(BlockingQueue, long)} also takes a {@link LinkedTransferQueue} for issue 4's JMH
 * side by side). Messages are cached {@code Integer}s, so nothing is allocated per message; the
 * receiver checks their count and sum.
 *
 * <p>On the platform pool the receiver is submitted first, so it always holds a pool thread;
 * the senders then run one pool thread at a time beside it (cores - 1 at once).
 */
public final class FanIn extends TimedWorkload {
    /** The one instance. */
    public static final FanIn INSTANCE = new FanIn();
    /** Senders. */
    public static final int SENDERS = 8;
    /** The queue's capacity. */
    public static final int CAPACITY = 1024;
    private static final Integer[] SMALL = new Integer[128];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = i;
        }
    }

    private FanIn() {
    }

    @Override
    public String id() {
        return "fan-in";
    }

    @Override
    public String description() {
        return SENDERS + " senders, 1 receiver, bounded(" + CAPACITY + ") (JDK: ArrayBlockingQueue); op = one message";
    }

    @Override
    public long fullSize() {
        return 4_000_000;
    }

    @Override
    public long quickSize() {
        return 800_000;
    }

    @Override
    public long normalize(long size) {
        return Math.max(SENDERS, size / SENDERS * SENDERS);
    }

    @Override
    public Optional<String> unsupported(RuntimeId runtime) {
        return runtime == RuntimeId.PLATFORM_POOL && Runtime.getRuntime().availableProcessors() < 2
                ? Optional.of("needs the receiver and a sender blocked at once; the pool has 1 thread")
                : Optional.empty();
    }

    @Override
    public long execute(Session session, long size) throws Exception {
        long sum = switch (session) {
            case Session.Weft w -> weft(w.scheduler(), size);
            case Session.JdkVirtual j -> jdk(new ArrayBlockingQueue<>(CAPACITY), size);
            case Session.PlatformPool p -> pool(p.pool(), size);
        };
        check("fan-in checksum", expectedSum(size), sum);
        return size;
    }

    private static long expectedSum(long size) {
        long per = size / SENDERS;
        long sumPerSender = 0;
        for (long i = 0; i < per; i++) {
            sumPerSender += i & 127;
        }
        return sumPerSender * SENDERS;
    }

    /**
     * @param scheduler where the senders and the receiver run
     * @param size      messages in all
     * @return the receiver's checksum
     */
    public static long weft(Scheduler scheduler, long size) {
        Channel<Integer> ch = Channel.bounded(CAPACITY);
        long per = size / SENDERS;
        TaskHandle<Long> receiver = scheduler.spawn(() -> {
            long sum = 0;
            for (long i = 0; i < per * SENDERS; i++) {
                sum += ch.receive();
            }
            return sum;
        });
        TaskHandle<?>[] senders = new TaskHandle<?>[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            senders[s] = scheduler.spawn(() -> {
                for (long i = 0; i < per; i++) {
                    ch.send(SMALL[(int) (i & 127)]);
                }
            });
        }
        for (TaskHandle<?> s : senders) {
            s.join();
        }
        return receiver.join();
    }

    /**
     * @param queue a bounded (or not) blocking queue
     * @param size  messages in all
     * @return the receiver's checksum
     */
    public static long jdk(BlockingQueue<Integer> queue, long size) throws Exception {
        long per = size / SENDERS;
        long[] sum = new long[1];
        Thread receiver = Thread.ofVirtual().start(() -> sum[0] = receive(queue, per * SENDERS));
        Thread[] senders = new Thread[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            senders[s] = Thread.ofVirtual().start(() -> send(queue, per));
        }
        for (Thread s : senders) {
            s.join();
        }
        receiver.join();
        return sum[0];
    }

    private static long pool(ExecutorService pool, long size) throws Exception {
        ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(CAPACITY);
        long per = size / SENDERS;
        Future<Long> receiver = pool.submit(() -> receive(queue, per * SENDERS));
        Future<?>[] senders = new Future<?>[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            senders[s] = pool.submit(() -> send(queue, per));
        }
        for (Future<?> s : senders) {
            s.get();
        }
        return receiver.get();
    }

    private static long receive(BlockingQueue<Integer> queue, long count) {
        try {
            long sum = 0;
            for (long i = 0; i < count; i++) {
                sum += queue.take();
            }
            return sum;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(BlockingQueue<Integer> queue, long per) {
        try {
            for (long i = 0; i < per; i++) {
                queue.put(SMALL[(int) (i & 127)]);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
