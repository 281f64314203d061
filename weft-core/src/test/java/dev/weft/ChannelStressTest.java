package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producers and consumers of every style (send, timed send, trySend, select; receive, timed
 * receive, tryReceive, select, iteration) on several schedulers and plain threads, while a
 * controller kills tasks, interrupts threads and closes the channel at random moments. Each round
 * checks:
 * <ul>
 * <li>conservation: the messages received (plus those left in the buffer) are exactly those whose
 *     send returned normally or true: no loss, no duplicate, and no message of a send that
 *     reported failure (timed out, killed, interrupted, closed);
 * <li>per-sender FIFO as each consumer saw it;
 * <li>that nothing hangs: every actor ends within {@link ChannelTesting#PATIENCE} of the close
 *     (the watchdog fails the test with the state of the channel and of every actor).
 * </ul>
 * Runs for {@code -Dweft.stress.seconds=N} seconds (default 3), as many rounds as fit.
 */
@Timeout(600)
class ChannelStressTest {
    private static final long SECONDS = Long.getLong("weft.stress.seconds", 3);
    private static final int PRODUCERS = 4, CONSUMERS = 3, MESSAGES = 200;

    /** How the actors ended, over all rounds (printed, so a run shows what it exercised). */
    private final Map<String, Integer> endings = new java.util.TreeMap<>();
    private long messages;

    @AfterEach
    void noWeftThreadLeft() {
        ChannelTesting.assertNoWeftThreadsAlive();
    }

    /** One producer or consumer: a task or a plain thread, and what it logged. */
    private static final class Actor {
        final String name;
        final List<Long> log = new ArrayList<>(); // acknowledged sends, or receipts; its own thread only
        volatile String ended = "not started";
        TaskHandle<?> task;
        Thread thread;

        Actor(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name + (task != null ? " " + task : " " + thread) + ": " + ended + ", logged " + log.size();
        }
    }

    @Test
    void conservationUnderKillsInterruptsTimeoutsAndClose() throws Exception {
        long seed = Long.getLong("weft.stress.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        int rounds = 0;
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2)
                .withFailureReporter(FailureReporter.silent()))) {
            List<Scheduler> schedulers = List.of(k.defaultScheduler(),
                    k.newScheduler(SchedulerSpec.threads(1).named("stress-a")),
                    k.newScheduler(SchedulerSpec.threads(1).named("stress-b")));
            do {
                long roundSeed = random.nextLong();
                int kind = rounds % 4;
                Channel<Long> ch = switch (kind) {
                    case 0 -> Channel.rendezvous();
                    case 1 -> Channel.bounded(1);
                    case 2 -> Channel.bounded(3);
                    default -> Channel.unbounded();
                };
                round(ch, schedulers, new SplittableRandom(roundSeed), "seed " + seed + ", round " + rounds + " (" + ch + ")");
                rounds++;
            } while (System.nanoTime() - end < 0);
            for (Scheduler s : schedulers.subList(1, schedulers.size())) {
                s.close();
            }
        }
        System.out.println("ChannelStressTest: seed " + seed + ", " + rounds + " rounds, " + messages
                + " messages received, actors ended: " + endings);
        assertThat(rounds).isPositive();
    }

    private void round(Channel<Long> ch, List<Scheduler> schedulers, SplittableRandom random, String what) throws Exception {
        Channel<Long> side = Channel.rendezvous(); // a second channel for the selects: nobody sends on it
        AtomicLong progress = new AtomicLong();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Actor> producers = new ArrayList<>(), consumers = new ArrayList<>(), all = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            Actor a = new Actor("producer-" + p);
            int id = p, style = random.nextInt(4);
            start(a, schedulers, random, unexpected, () -> produce(ch, side, id, style, a, progress));
            producers.add(a);
        }
        for (int c = 0; c < CONSUMERS; c++) {
            Actor a = new Actor("consumer-" + c);
            int style = random.nextInt(5);
            start(a, schedulers, random, unexpected, () -> consume(ch, side, style, a, progress));
            consumers.add(a);
        }
        all.addAll(producers);
        all.addAll(consumers);

        // Chaos: kill a task or interrupt a thread whenever some progress was made (or a moment
        // passed), a few times, then close. The pacing only varies the interleavings.
        int events = random.nextInt(6);
        for (int e = 0; e < events; e++) {
            awaitProgress(progress, progress.get() + 1 + random.nextInt(60));
            Actor victim = all.get(random.nextInt(all.size()));
            if (victim.task != null) {
                victim.task.kill();
            } else {
                victim.thread.interrupt();
            }
        }
        awaitProgress(progress, progress.get() + random.nextInt(100));
        ch.close();
        side.close();

        // Watchdog: everything must end now.
        long deadline = System.nanoTime() + ChannelTesting.PATIENCE.toNanos();
        for (Actor a : all) {
            long left = Math.max(1, deadline - System.nanoTime());
            boolean ended = a.task != null
                    ? a.task.await(Duration.ofNanos(left)).isPresent()
                    : a.thread.join(Duration.ofNanos(left));
            if (!ended) {
                StringBuilder sb = new StringBuilder("hang in " + what + ": " + a.name + " did not end after close\n");
                all.forEach(x -> sb.append("  ").append(x).append('\n'));
                all.forEach(x -> {
                    if (x.task != null) {
                        x.task.kill();
                    } else {
                        x.thread.interrupt();
                    }
                });
                fail(sb.toString());
            }
        }
        assertThat(unexpected).as("unexpected exceptions in " + what).isEmpty();
        for (Actor a : all) {
            endings.merge(a.name.substring(0, a.name.indexOf('-')) + " " + a.ended, 1, Integer::sum);
        }

        // Conservation.
        List<Long> leftInBuffer = new ArrayList<>();
        for (Optional<Long> m = ch.tryReceive(); m.isPresent(); m = ch.tryReceive()) {
            leftInBuffer.add(m.get());
        }
        Set<Long> acked = new HashSet<>();
        for (Actor p : producers) {
            acked.addAll(p.log);
        }
        List<Long> received = new ArrayList<>(leftInBuffer);
        for (Actor c : consumers) {
            received.addAll(c.log);
            assertPerSenderFifo(c.log, what + ", " + c.name);
        }
        assertPerSenderFifo(leftInBuffer, what + ", left in the buffer");
        Set<Long> receivedSet = new HashSet<>(received);
        messages += received.size();
        assertThat(receivedSet.size()).as("duplicates in " + what).isEqualTo(received.size());
        Set<Long> lost = new HashSet<>(acked);
        lost.removeAll(receivedSet);
        Set<Long> phantom = new HashSet<>(receivedSet);
        phantom.removeAll(acked);
        assertThat(lost).as("acknowledged but never received, in " + what).isEmpty();
        assertThat(phantom).as("received but not acknowledged by its send, in " + what).isEmpty();
    }

    private static void assertPerSenderFifo(List<Long> log, String what) {
        Map<Long, Long> last = new HashMap<>();
        for (long m : log) {
            long producer = m >>> 32, seq = m & 0xffff_ffffL;
            Long before = last.put(producer, seq);
            if (before != null && before >= seq) {
                fail("per-sender FIFO broken in " + what + ": producer " + producer + " seq " + seq + " after " + before);
            }
        }
    }

    private static void awaitProgress(AtomicLong progress, long target) {
        long until = System.nanoTime() + Duration.ofMillis(30).toNanos();
        while (progress.get() < target && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(100_000);
        }
    }

    /** Runs {@code body} as a task on a random scheduler, or (one time in four) on a plain thread. */
    private static void start(Actor a, List<Scheduler> schedulers, SplittableRandom random,
                              ConcurrentLinkedQueue<String> unexpected, Runnable body) {
        Runnable guarded = () -> {
            a.ended = "running";
            try {
                body.run();
                a.ended = "done";
            } catch (ChannelClosedException e) {
                a.ended = "closed";
            } catch (TaskKilledException e) {
                a.ended = "killed";
            } catch (TaskInterruptedException e) {
                a.ended = "interrupted";
            } catch (Throwable e) {
                a.ended = "failed: " + e;
                unexpected.add(a.name + ": " + e);
            }
        };
        if (random.nextInt(4) == 0) {
            a.thread = Thread.ofPlatform().name("stress-" + a.name).start(guarded);
        } else {
            a.task = schedulers.get(random.nextInt(schedulers.size())).spawn(guarded::run);
        }
    }

    private static void pause() {
        if (Thread.currentThread().isVirtual()) {
            Task.yieldNow();
        } else {
            Thread.yield();
        }
    }

    /** Sends seq 0.. of producer {@code id}; logs the ones whose send reported delivery. */
    private static void produce(Channel<Long> ch, Channel<Long> side, int id, int style, Actor a, AtomicLong progress) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (long seq = 0; seq < MESSAGES; seq++) {
            long m = ((long) id << 32) | seq;
            boolean delivered = switch (style) {
                case 0 -> {
                    ch.send(m);
                    yield true;
                }
                case 1 -> ch.send(m, Duration.ofNanos(r.nextInt(300_000)));
                case 2 -> {
                    boolean ok = ch.trySend(m);
                    if (!ok) {
                        pause();
                    }
                    yield ok;
                }
                default -> {
                    Select<Boolean> s = Select.<Boolean>create()
                            .onReceive(side, x -> false)
                            .onSend(ch, m, () -> true);
                    if (r.nextBoolean()) {
                        s.onTimeout(Duration.ofNanos(r.nextInt(300_000)), () -> false);
                    }
                    yield s.select();
                }
            };
            if (delivered) {
                a.log.add(m);
                progress.incrementAndGet();
            }
        }
    }

    /** Receives until the channel is closed and drained; logs every receipt. */
    private static void consume(Channel<Long> ch, Channel<Long> side, int style, Actor a, AtomicLong progress) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (style == 4) {
            for (long m : ch) {
                a.log.add(m);
                progress.incrementAndGet();
            }
            return;
        }
        for (;;) {
            Long m = switch (style) {
                case 0 -> ch.receive();
                case 1 -> ch.receive(Duration.ofNanos(r.nextInt(300_000))).orElse(null);
                case 2 -> {
                    boolean closed = ch.isClosed(); // read first: closed and then empty means drained
                    Long got = ch.tryReceive().orElse(null);
                    if (got == null) {
                        if (closed) {
                            throw ch.core().closedOnReceive();
                        }
                        pause();
                    }
                    yield got;
                }
                default -> {
                    Select<Long> s = Select.<Long>create()
                            .onReceive(side, x -> null)
                            .onReceive(ch, x -> x);
                    if (r.nextBoolean()) {
                        s.onTimeout(Duration.ofNanos(r.nextInt(300_000)), () -> null);
                    }
                    yield s.select();
                }
            };
            if (m != null) {
                a.log.add(m);
                progress.incrementAndGet();
            }
        }
    }
}
