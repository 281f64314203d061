package dev.weft.bench.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.Optional;

/**
 * Ping-pong over bare {@link LockSupport#park()} / {@link LockSupport#unpark(Thread)}: two tasks
 * hand a turn back and forth {@code size} times; one operation is one round trip (two
 * hand-offs). No queue, no channel: the cost of two task switches through the scheduler, the
 * floor under every blocking primitive (issue 4 compares the rendezvous channel against it).
 */
public final class PingPongPark extends TimedWorkload {
    /** The one instance. */
    public static final PingPongPark INSTANCE = new PingPongPark();

    private PingPongPark() {
    }

    @Override
    public String id() {
        return "ping-pong-park";
    }

    @Override
    public String description() {
        return "two tasks hand a turn back and forth with LockSupport park/unpark; op = one round trip";
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

    /** The shared state of one ping-pong: whose turn it is and who the two sides are. */
    static final class Table {
        final long rounds;
        volatile Thread ping;
        volatile Thread pong;
        volatile boolean pongsTurn;
        long pongRounds;

        Table(long rounds) {
            this.rounds = rounds;
        }

        long ping() {
            ping = Thread.currentThread();
            Thread other;
            while ((other = pong) == null) {
                Thread.yield(); // on one carrier, let the other side start
            }
            for (long i = 0; i < rounds; i++) {
                pongsTurn = true;
                LockSupport.unpark(other);
                while (pongsTurn) {
                    LockSupport.park(this);
                }
            }
            return rounds;
        }

        long pong() {
            pong = Thread.currentThread();
            for (long i = 0; i < rounds; i++) {
                while (!pongsTurn) {
                    LockSupport.park(this);
                }
                pongsTurn = false;
                pongRounds++;
                LockSupport.unpark(ping); // set before pongsTurn first became true
            }
            return pongRounds;
        }
    }

    @Override
    public long execute(Session session, long size) throws Exception {
        Table t = new Table(size);
        long rounds = switch (session) {
            case Session.Weft w -> {
                var pong = w.scheduler().spawn(t::pong);
                var ping = w.scheduler().spawn(t::ping);
                ping.join();
                yield pong.join();
            }
            case Session.JdkVirtual j -> {
                long[] out = new long[1];
                Thread pong = Thread.ofVirtual().start(() -> out[0] = t.pong());
                Thread ping = Thread.ofVirtual().start(t::ping);
                ping.join();
                pong.join();
                yield out[0];
            }
            case Session.PlatformPool p -> pool(p.pool(), t);
        };
        check("ping-pong-park round trips", size, rounds);
        return size;
    }

    private static long pool(ExecutorService pool, Table t) throws Exception {
        Future<Long> pong = pool.submit(t::pong);
        Future<Long> ping = pool.submit(t::ping);
        ping.get();
        return pong.get();
    }
}
