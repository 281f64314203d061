package dev.weft;

import static dev.weft.ChannelTesting.awaitTrue;
import static dev.weft.ChannelTesting.awaitWaitingReceivers;
import static dev.weft.ChannelTesting.awaitWaitingSenders;
import static dev.weft.ChannelTesting.joinThread;
import static dev.weft.ChannelTesting.kernel;
import static dev.weft.ChannelTesting.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Select}: readiness, timeout, fairness, send clauses, closed clauses, kill. */
@Timeout(60)
class SelectTest {
    @AfterEach
    void noWeftThreadLeft() {
        ChannelTesting.assertNoWeftThreadsAlive();
    }

    private static Channel<String> channel(int capacity) {
        return capacity == 0 ? Channel.rendezvous() : capacity < 0 ? Channel.unbounded() : Channel.bounded(capacity);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void aSelectNeedsAClause() {
        assertThatThrownBy(() -> Select.create().select()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one clause");
    }

    @Test
    void badClausesAreRefused() {
        Channel<String> ch = Channel.bounded(1);
        assertThatThrownBy(() -> Select.<String>create().onTimeout(Duration.ofMillis(-5), () -> "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.005S");
        assertThatThrownBy(() -> Select.<String>create().onTimeout(Duration.ZERO, () -> "t").onTimeout(Duration.ZERO, () -> "u"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Select.<String>create().onSend(ch, null, () -> "s")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.<String>create().onReceive((Channel<String>) null, m -> m)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.<String>create().onReceive(ch, null)).isInstanceOf(NullPointerException.class);
        assertThat(ch.tryReceive()).isEmpty();
    }

    // ------------------------------------------------------------------ readiness and timeout

    @Test
    void aReadyReceiveClauseFiresAtOnce() {
        Channel<String> empty = Channel.rendezvous(), full = Channel.bounded(1);
        full.send("x");
        String r = Select.<String>create()
                .onReceive(empty, m -> "empty:" + m)
                .onReceive(full, m -> "full:" + m)
                .onTimeout(Duration.ofHours(1), () -> "timeout")
                .select();
        assertThat(r).isEqualTo("full:x");
        assertThat(full.tryReceive()).isEmpty();
        assertThat(empty.core().waitingReceivers()).as("nothing was queued").isZero();
    }

    @Test
    void aReadySendClauseFiresAtOnceAndDelivers() {
        Channel<String> rv = Channel.rendezvous(), room = Channel.bounded(2);
        String r = Select.<String>create()
                .onSend(rv, "to rv", () -> "rv")
                .onSend(room, "to room", () -> "room")
                .select();
        assertThat(r).isEqualTo("room");
        assertThat(room.tryReceive()).contains("to room");
        assertThat(rv.core().waitingSenders()).isZero();
    }

    @Test
    void theTimeoutFiresWhenNothingIsReadyAndLeavesNoWaiter() {
        Channel<String> a = Channel.rendezvous(), b = Channel.bounded(1);
        b.send("full");
        Select<String> s = Select.<String>create()
                .onReceive(a, m -> "a")
                .onSend(b, "more", () -> "b")
                .onTimeout(Duration.ofMillis(20), () -> "timeout");
        assertThat(s.select()).isEqualTo("timeout");
        assertThat(a.core().waitingReceivers()).isZero();
        assertThat(b.core().waitingSenders()).isZero();
        assertThat(Select.<String>create().onReceive(a, m -> "a").onTimeout(Duration.ZERO, () -> "now").select())
                .isEqualTo("now");
        assertThat(Select.<String>create().onTimeout(Duration.ofMillis(1), () -> "alone").select()).isEqualTo("alone");
        assertThat(b.tryReceive()).contains("full");
        assertThat(b.tryReceive()).as("the timed-out send clause delivered nothing").isEmpty();
    }

    @Test
    void aWaitingSelectTakesTheMessageThatArrives() throws Exception {
        Channel<String> a = Channel.rendezvous(), b = Channel.rendezvous();
        try (Kernel k = kernel(2)) {
            TaskHandle<String> selector = k.defaultScheduler().spawn(() -> Select.<String>create()
                    .onReceive(a, m -> "a:" + m)
                    .onReceive(b, m -> "b:" + m)
                    .select());
            awaitWaitingReceivers(a, 1);
            awaitWaitingReceivers(b, 1);
            Thread plain = Thread.ofPlatform().start(() -> b.send("hello"));
            assertThat(selector.join()).isEqualTo("b:hello");
            joinThread(plain);
            assertThat(a.core().waitingReceivers()).as("the other clause's waiter left").isZero();
            assertThat(a.trySend("nobody")).isFalse();
        }
    }

    @Test
    void aWaitingSendClauseDeliversToALateReceiver() {
        Channel<String> a = Channel.rendezvous(), out = Channel.rendezvous();
        try (Kernel k = kernel(2)) {
            TaskHandle<String> selector = k.defaultScheduler().spawn(() -> Select.<String>create()
                    .onReceive(a, m -> "a:" + m)
                    .onSend(out, "v", () -> "sent")
                    .select());
            awaitWaitingSenders(out, 1);
            assertThat(out.receive()).isEqualTo("v");
            assertThat(selector.join()).isEqualTo("sent");
            assertThat(a.core().waitingReceivers()).isZero();
        }
    }

    @Test
    void twoSelectsMeetOnARendezvousChannel() {
        Channel<Integer> ch = Channel.rendezvous();
        Channel<Integer> neverIn = Channel.rendezvous(), neverOut = Channel.rendezvous();
        int n = 300;
        try (Kernel k = kernel(2)) {
            TaskHandle<List<Integer>> receiver = k.defaultScheduler().spawn(() -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    got.add(Select.<Integer>create().onReceive(neverIn, m -> -1).onReceive(ch, m -> m).select());
                }
                return got;
            });
            TaskHandle<Void> sender = k.defaultScheduler().spawn(() -> {
                for (int i = 0; i < n; i++) {
                    int v = i;
                    Select.<Integer>create().onSend(neverOut, -1, () -> -1).onSend(ch, v, () -> v).select();
                }
            });
            sender.join();
            assertThat(receiver.join()).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
        }
    }

    // ------------------------------------------------------------------ many messages

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, -1})
    void fourHundredPlusFourHundredMessagesAllArrive(int capacity) {
        Channel<String> a = channel(capacity), b = channel(capacity);
        int n = 400;
        try (Kernel k = kernel(2)) {
            Scheduler other = k.newScheduler(SchedulerSpec.threads(1).named("producers"));
            for (Channel<String> ch : List.of(a, b)) {
                String tag = ch == a ? "a" : "b";
                other.spawn(() -> {
                    for (int i = 0; i < n; i++) {
                        ch.send(tag + i);
                    }
                    ch.close();
                });
            }
            TaskHandle<List<String>> consumer = k.defaultScheduler().spawn(() -> {
                List<String> got = new ArrayList<>();
                Select<Boolean> s = Select.<Boolean>create()
                        .onReceive(a, got::add)
                        .onReceive(b, got::add);
                try {
                    for (;;) {
                        s.select();
                    }
                } catch (ChannelClosedException bothClosedAndDrained) {
                    return got;
                }
            });
            List<String> got = consumer.join();
            assertThat(got).hasSize(2 * n);
            assertThat(got.stream().filter(m -> m.startsWith("a")).toList())
                    .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> "a" + i).toList());
            assertThat(got.stream().filter(m -> m.startsWith("b")).toList())
                    .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> "b" + i).toList());
            other.close();
        }
    }

    // ------------------------------------------------------------------ fairness and randomness

    @Test
    void neitherOfTwoAlwaysReadyClausesStarves() {
        Channel<Integer> a = Channel.unbounded(), b = Channel.bounded(1);
        int rounds = 2_000;
        int[] count = new int[3];
        for (int i = 0; i < rounds; i++) {
            a.send(0);
            Select.<Integer>create()
                    .onReceive(a, m -> count[0]++)
                    .onSend(b, 1, () -> count[1]++)
                    .select();
            b.tryReceive(); // make room again
            a.tryReceive();
        }
        // Uniform: each about 1,000. Below 800 has a probability under 1e-18 for a fair coin.
        assertThat(count[0]).isBetween(800, 1_200);
        assertThat(count[1]).isBetween(800, 1_200);
    }

    @Test
    void threeReadyClausesArePickedUniformly() {
        Channel<Integer> a = Channel.unbounded(), b = Channel.unbounded(), c = Channel.unbounded();
        int rounds = 3_000;
        for (int i = 0; i < rounds; i++) {
            a.send(i);
            b.send(i);
            c.send(i);
        }
        int[] count = new int[3];
        Select<Integer> s = Select.<Integer>create().onReceive(a, m -> 0).onReceive(b, m -> 1).onReceive(c, m -> 2);
        for (int i = 0; i < rounds; i++) {
            count[s.select()]++;
        }
        for (int x : count) {
            assertThat(x).isBetween(800, 1_200); // expected 1,000, sd about 26
        }
    }

    @Test
    void insideATaskTheChoiceComesFromTheKernelsRandomSource() {
        Supplier<List<Integer>> choices = () -> {
            Channel<Integer> a = Channel.unbounded(), b = Channel.unbounded(), c = Channel.unbounded();
            List<Integer> picked = new ArrayList<>();
            Select<Integer> s = Select.<Integer>create().onReceive(a, m -> 0).onReceive(b, m -> 1).onReceive(c, m -> 2);
            for (int i = 0; i < 60; i++) {
                a.send(i);
                b.send(i);
                c.send(i);
                picked.add(s.select());
            }
            return picked;
        };
        List<List<Integer>> runs = new ArrayList<>();
        for (long seed : new long[] {42, 42, 43}) {
            try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1).withRandomSeed(seed))) {
                runs.add(k.defaultScheduler().spawn(choices::get).join());
            }
        }
        assertThat(runs.get(0)).as("same seed, same choices").isEqualTo(runs.get(1));
        assertThat(runs.get(2)).as("another seed, other choices").isNotEqualTo(runs.get(0));
    }

    // ------------------------------------------------------------------ closed clauses

    @Test
    void closedClausesNeverFire() {
        Channel<String> closedEmpty = Channel.bounded(2), closedFull = Channel.bounded(2), open = Channel.bounded(1);
        closedFull.send("left");
        closedEmpty.close();
        closedFull.close();
        open.send("o");
        // a closed channel's buffered message is still receivable, a closed and drained one never fires
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            got.add(Select.<String>create()
                    .onReceive(closedEmpty, m -> "closedEmpty")
                    .onReceive(closedFull, m -> m)
                    .onReceive(open, m -> m)
                    .onSend(closedEmpty, "x", () -> "sent to closed")
                    .select());
        }
        assertThat(got).containsExactlyInAnyOrder("left", "o");
        // a send clause on a closed channel counts as closed; the timeout fires
        assertThat(Select.<String>create()
                .onSend(closedEmpty, "x", () -> "sent")
                .onReceive(closedFull, m -> "received")
                .onTimeout(Duration.ofMillis(5), () -> "timeout")
                .select()).isEqualTo("timeout");
        // every clause closed, no timeout: ChannelClosedException
        assertThatThrownBy(() -> Select.<String>create()
                .onSend(closedEmpty, "x", () -> "sent")
                .onReceive(closedFull, m -> "received")
                .select()).isInstanceOf(ChannelClosedException.class).hasMessageContaining("every clause is closed");
        assertThat(closedEmpty.tryReceive()).isEmpty();
    }

    @Test
    void aWaitingSelectThrowsOnceEveryClauseClosed() {
        Channel<String> a = Channel.rendezvous(), b = Channel.bounded(1);
        b.send("full");
        AtomicReference<Throwable> saw = new AtomicReference<>();
        try (Kernel k = kernel(2)) {
            TaskHandle<String> selector = k.defaultScheduler().spawn(() -> {
                try {
                    return Select.<String>create().onReceive(a, m -> "a").onSend(b, "x", () -> "b").select();
                } catch (ChannelClosedException e) {
                    saw.set(e);
                    return "closed";
                }
            });
            awaitWaitingReceivers(a, 1);
            awaitWaitingSenders(b, 1);
            b.close();
            // still waiting on a: a message on a fires it ...
            assertThat(a.send("msg", Duration.ofSeconds(30))).isTrue();
            assertThat(selector.join()).isEqualTo("a");
            assertThat(b.tryReceive()).contains("full");
            assertThat(b.tryReceive()).isEmpty();

            // ... and once a closes too, it throws
            Channel<String> c = Channel.rendezvous();
            TaskHandle<String> second = k.defaultScheduler().spawn(() -> {
                try {
                    return Select.<String>create().onReceive(c, m -> "c").onSend(b, "x", () -> "b").select();
                } catch (ChannelClosedException e) {
                    saw.set(e);
                    return "closed";
                }
            });
            awaitWaitingReceivers(c, 1);
            c.close();
            assertThat(second.join()).isEqualTo("closed");
            assertThat(saw.get()).isInstanceOf(ChannelClosedException.class);
        }
    }

    @Test
    void aSelectNeverMatchesItsOwnSendWithItsOwnReceive() {
        Channel<String> ch = Channel.rendezvous();
        assertThat(Select.<String>create()
                .onSend(ch, "mine", () -> "sent to myself")
                .onReceive(ch, m -> "received " + m)
                .onTimeout(Duration.ofMillis(20), () -> "timeout")
                .select()).isEqualTo("timeout");
        try (Kernel k = kernel(2)) {
            TaskHandle<String> selector = k.defaultScheduler().spawn(() -> Select.<String>create()
                    .onSend(ch, "mine", () -> "sent")
                    .onReceive(ch, m -> "received " + m)
                    .select());
            awaitWaitingSenders(ch, 1);
            awaitWaitingReceivers(ch, 1);
            ch.send("theirs");
            assertThat(selector.join()).isEqualTo("received theirs");
            assertThat(ch.core().waitingSenders()).isZero();
        }
    }

    // ------------------------------------------------------------------ kill and interrupt

    @Test
    void aKilledSelectThrowsAndFiresNothing() {
        Channel<String> in = Channel.rendezvous(), out = Channel.rendezvous();
        AtomicReference<Throwable> saw = new AtomicReference<>();
        List<String> fired = new ArrayList<>();
        try (Kernel k = kernel(2)) {
            TaskHandle<String> selector = k.defaultScheduler().spawn(() -> {
                try {
                    return Select.<String>create()
                            .onReceive(in, m -> { fired.add("in"); return "in"; })
                            .onSend(out, "never delivered", () -> { fired.add("out"); return "out"; })
                            .onTimeout(Duration.ofHours(1), () -> { fired.add("timeout"); return "timeout"; })
                            .select();
                } catch (Throwable e) {
                    saw.set(e);
                    throw e;
                }
            });
            awaitWaitingReceivers(in, 1);
            awaitWaitingSenders(out, 1);
            selector.kill();
            assertThat(outcome(selector)).isInstanceOf(TaskResult.Killed.class);
        }
        assertThat(saw.get()).isInstanceOf(TaskKilledException.class);
        assertThat(fired).isEmpty();
        assertThat(in.core().waitingReceivers()).isZero();
        assertThat(out.core().waitingSenders()).isZero();
        assertThat(out.tryReceive()).isEmpty();
        assertThat(in.trySend("after")).isFalse();
    }

    @Test
    void aKilledTaskCannotSelectEvenWhenAClauseIsReady() {
        Channel<String> ready = Channel.bounded(1);
        ready.send("x");
        AtomicReference<Throwable> saw = new AtomicReference<>();
        try (Kernel k = kernel(1)) {
            TaskHandle<Void> t = k.defaultScheduler().spawn(() -> {
                Task.current().kill();
                try {
                    Select.<String>create().onReceive(ready, m -> m).select();
                } catch (Throwable e) {
                    saw.set(e);
                }
            });
            assertThat(outcome(t)).isInstanceOf(TaskResult.Killed.class);
        }
        assertThat(saw.get()).isInstanceOf(TaskKilledException.class);
        assertThat(ready.tryReceive()).contains("x");
    }

    @Test
    void anInterruptedPlainThreadInSelectThrowsTaskInterrupted() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        AtomicReference<Throwable> saw = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Select.<String>create().onReceive(ch, m -> m).select();
            } catch (Throwable e) {
                saw.set(e);
            }
        });
        awaitTrue(() -> ch.core().waitingReceivers() == 1, "the select waits");
        t.interrupt();
        joinThread(t);
        assertThat(saw.get()).isInstanceOf(TaskInterruptedException.class);
        assertThat(ch.core().waitingReceivers()).isZero();
    }

    @Test
    void toStringListsTheClauses() {
        Channel<String> ch = Channel.bounded(3);
        String s = Select.<String>create().onReceive(ch, m -> m).onSend(ch, "x", () -> "s")
                .onTimeout(Duration.ofMillis(10), () -> "t").toString();
        assertThat(s).startsWith("Select[").contains("onReceive Channel#").contains("onSend Channel#")
                .contains("bounded(3)").contains("onTimeout PT0.01S");
    }
}
