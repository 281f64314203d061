package dev.weft.bench.workloads;

import dev.weft.Channel;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TransferQueue;

/**
 * Ping-pong over rendezvous hand-offs: two tasks exchange a message {@code size} times; one
 * operation is one round trip (ping sends, pong receives and sends back, ping receives).
 * weft uses two {@code Channel.rendezvous()}; the JDK variants two {@link SynchronousQueue}s
 * ({@link #jdkTransfer} uses {@link LinkedTransferQueue#transfer}, for issue 4's JMH side by
 * side).
 */
public final class PingPong extends TimedWorkload {
    /** The one instance. */
    public static final PingPong INSTANCE = new PingPong();
    private static final String BALL = "ball";

    private PingPong() {
    }

    @Override
    public String id() {
        return "ping-pong";
    }

    @Override
    public String description() {
        return "two tasks exchange a message over rendezvous channels (JDK: SynchronousQueue); op = one round trip";
    }

    @Override
    public long fullSize() {
        return 1_000_000;
    }

    @Override
    public long quickSize() {
        return 200_000;
    }

    /** Platform threads hand off through the OS (~10-30 us a round trip): a tenth of the size. */
    @Override
    public long sizeOn(RuntimeId runtime, long size) {
        return runtime == RuntimeId.PLATFORM_POOL ? Math.max(1, size / 10) : size;
    }

    @Override
    public Optional<String> unsupported(RuntimeId runtime) {
        return runtime == RuntimeId.PLATFORM_POOL && Runtime.getRuntime().availableProcessors() < 2
                ? Optional.of("needs 2 pool threads blocked at once; the pool has 1")
                : Optional.empty();
    }

    @Override
    public long execute(Session session, long size) throws Exception {
        long rounds = switch (session) {
            case Session.Weft w -> {
                Channel<String> ping = Channel.rendezvous();
                Channel<String> pong = Channel.rendezvous();
                var echo = w.scheduler().spawn(() -> weftEcho(ping, pong, size));
                var serve = w.scheduler().spawn(() -> weftServe(ping, pong, size));
                serve.join();
                yield echo.join();
            }
            case Session.JdkVirtual j -> jdk(new SynchronousQueue<>(), new SynchronousQueue<>(), size);
            case Session.PlatformPool p -> pool(p.pool(), size);
        };
        check("ping-pong round trips", size, rounds);
        return size;
    }

    /**
     * The same ping-pong over {@link LinkedTransferQueue#transfer} on JDK virtual threads.
     *
     * @param size round trips
     * @return round trips done
     */
    public static long jdkTransfer(long size) throws Exception {
        return jdkLoop(new LinkedTransferQueue<>(), new LinkedTransferQueue<>(), size);
    }

    static long weftServe(Channel<String> ping, Channel<String> pong, long size) {
        for (long i = 0; i < size; i++) {
            ping.send(BALL);
            pong.receive();
        }
        return size;
    }

    static long weftEcho(Channel<String> ping, Channel<String> pong, long size) {
        long n = 0;
        for (long i = 0; i < size; i++) {
            pong.send(ping.receive());
            n++;
        }
        return n;
    }

    private static long jdk(BlockingQueue<String> ping, BlockingQueue<String> pong, long size) throws Exception {
        long[] echoed = new long[1];
        Thread echo = Thread.ofVirtual().start(() -> echoed[0] = uncheckedEcho(ping, pong, size));
        Thread serve = Thread.ofVirtual().start(() -> uncheckedServe(ping, pong, size));
        serve.join();
        echo.join();
        return echoed[0];
    }

    private static long jdkLoop(TransferQueue<String> ping, TransferQueue<String> pong, long size) throws Exception {
        long[] echoed = new long[1];
        Thread echo = Thread.ofVirtual().start(() -> {
            try {
                long n = 0;
                for (long i = 0; i < size; i++) {
                    pong.transfer(ping.take());
                    n++;
                }
                echoed[0] = n;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread serve = Thread.ofVirtual().start(() -> {
            try {
                for (long i = 0; i < size; i++) {
                    ping.transfer(BALL);
                    pong.take();
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        serve.join();
        echo.join();
        return echoed[0];
    }

    private static long pool(ExecutorService pool, long size) throws Exception {
        SynchronousQueue<String> ping = new SynchronousQueue<>();
        SynchronousQueue<String> pong = new SynchronousQueue<>();
        Future<Long> echo = pool.submit(() -> uncheckedEcho(ping, pong, size));
        Future<?> serve = pool.submit(() -> uncheckedServe(ping, pong, size));
        serve.get();
        return echo.get();
    }

    private static long uncheckedServe(BlockingQueue<String> ping, BlockingQueue<String> pong, long size) {
        try {
            for (long i = 0; i < size; i++) {
                ping.put(BALL);
                pong.take();
            }
            return size;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long uncheckedEcho(BlockingQueue<String> ping, BlockingQueue<String> pong, long size) {
        try {
            long n = 0;
            for (long i = 0; i < size; i++) {
                pong.put(ping.take());
                n++;
            }
            return n;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
