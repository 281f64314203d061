package dev.weft;

import static dev.weft.ChannelTesting.awaitWaitingReceivers;
import static dev.weft.ChannelTesting.awaitWaitingSenders;
import static dev.weft.ChannelTesting.joinThread;
import static dev.weft.ChannelTesting.kernel;
import static dev.weft.ChannelTesting.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The channel contract (API.md, "Channels"), written once and run against every kind (JCTools
 * {@code QueueSanityTest} style): one subclass per kind says how to make the channel and what its
 * capacity is.
 */
@Timeout(60)
abstract class ChannelContractTest {
    /** @return a new, empty channel of the kind under test */
    abstract Channel<String> newChannel();

    /** @return its capacity: 0 (rendezvous), the bound, or {@link Integer#MAX_VALUE} */
    abstract int capacity();

    /** The part of the capacity a test can fill: unbounded channels count as 1,000. */
    private int fillable() {
        return Math.min(capacity(), 1_000);
    }

    private boolean sendsCanWait() {
        return capacity() != Integer.MAX_VALUE;
    }

    /** Fills the buffer (nothing for rendezvous) with "b0", "b1", ... */
    private List<String> fill(Channel<String> ch) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < fillable(); i++) {
            assertThat(ch.trySend("b" + i)).isTrue();
            sent.add("b" + i);
        }
        return sent;
    }

    private static List<String> drain(Channel<String> ch) {
        List<String> got = new ArrayList<>();
        for (Optional<String> m = ch.tryReceive(); m.isPresent(); m = ch.tryReceive()) {
            got.add(m.get());
        }
        return got;
    }

    @AfterEach
    void noWeftThreadLeft() {
        ChannelTesting.assertNoWeftThreadsAlive();
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void nullMessagesAreRefused() {
        Channel<String> ch = newChannel();
        assertThatThrownBy(() -> ch.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.send(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThat(ch.tryReceive()).isEmpty();
    }

    @Test
    void negativeTimeoutsAreRefusedNamingTheValue() {
        Channel<String> ch = newChannel();
        assertThatThrownBy(() -> ch.send("m", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> ch.receive(Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-3S");
        assertThat(ch.tryReceive()).as("the refused send delivered nothing").isEmpty();
    }

    // ------------------------------------------------------------------ without waiting

    @Test
    void emptyChannelHasNothingToReceive() {
        Channel<String> ch = newChannel();
        assertThat(ch.tryReceive()).isEmpty();
        assertThat(ch.receive(Duration.ZERO)).isEmpty();
        assertThat(ch.receive(Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void trySendFillsExactlyTheCapacity() {
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        if (sendsCanWait()) {
            assertThat(ch.trySend("over")).isFalse();
            assertThat(ch.send("over", Duration.ZERO)).isFalse();
        } else {
            assertThat(ch.trySend("more")).isTrue();
            sent.add("more");
        }
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
        assertThat(ch.tryReceive()).isEmpty();
    }

    @Test
    void timedSendThatTimesOutDeliversNothing() {
        assumeTrue(sendsCanWait());
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        assertThat(ch.send("late", Duration.ofMillis(20))).isFalse();
        assertThat(ch.core().waitingSenders()).as("the timed-out waiter left the queue").isZero();
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    @Test
    void timedReceiveThatTimesOutLeavesNoWaiter() {
        Channel<String> ch = newChannel();
        assertThat(ch.receive(Duration.ofMillis(20))).isEmpty();
        assertThat(ch.core().waitingReceivers()).isZero();
        if (capacity() > 0) {
            assertThat(ch.trySend("m")).isTrue();
            assertThat(ch.tryReceive()).contains("m");
        } else {
            assertThat(ch.trySend("m")).as("no receiver is left to take it").isFalse();
        }
    }

    // ------------------------------------------------------------------ close

    @Test
    void sendOnClosedChannelThrowsAndDeliversNothing() {
        Channel<String> ch = newChannel();
        ch.close();
        assertThat(ch.isClosed()).isTrue();
        assertThatThrownBy(() -> ch.send("a")).isInstanceOf(ChannelClosedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> ch.trySend("b")).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.send("c", Duration.ofMillis(5))).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.tryReceive()).isEmpty();
    }

    @Test
    void receiveOnClosedDrainedChannelThrowsButTryReceiveIsEmpty() {
        Channel<String> ch = newChannel();
        ch.close();
        assertThatThrownBy(ch::receive).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.receive(Duration.ofMillis(5))).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.receive(Duration.ZERO)).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.tryReceive()).isEmpty();
        assertThat(ch.iterator().hasNext()).isFalse();
        assertThatThrownBy(() -> ch.iterator().next()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void closeIsIdempotent() {
        Channel<String> ch = newChannel();
        assertThat(ch.isClosed()).isFalse();
        ch.close();
        ch.close();
        assertThat(ch.isClosed()).isTrue();
    }

    @Test
    void bufferedMessagesStayReceivableAfterClose() {
        assumeTrue(capacity() > 0);
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        ch.close();
        assertThat(ch.receive()).isEqualTo(sent.get(0));
        if (sent.size() > 1) {
            assertThat(ch.receive(Duration.ofMillis(5))).contains(sent.get(1));
        }
        List<String> rest = new ArrayList<>();
        ch.forEach(rest::add);
        assertThat(rest).containsExactlyElementsOf(sent.subList(Math.min(2, sent.size()), sent.size()));
        assertThatThrownBy(ch::receive).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void closeWakesWaitingReceiversOfTasksAndThreads() throws Exception {
        Channel<String> ch = newChannel();
        AtomicReference<Throwable> threadSaw = new AtomicReference<>();
        Thread plain = Thread.ofPlatform().start(() -> {
            try {
                threadSaw.set(new AssertionError("received " + ch.receive()));
            } catch (Throwable e) {
                threadSaw.set(e);
            }
        });
        try (Kernel k = kernel(2)) {
            TaskHandle<Throwable> task = k.defaultScheduler().spawn(() -> {
                try {
                    return new AssertionError("received " + ch.receive());
                } catch (ChannelClosedException e) {
                    return e;
                }
            });
            awaitWaitingReceivers(ch, 2);
            ch.close();
            assertThat(task.join()).isInstanceOf(ChannelClosedException.class);
        }
        joinThread(plain);
        assertThat(threadSaw.get()).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void closeWakesWaitingSendersAndTheirMessagesAreNotDelivered() {
        assumeTrue(sendsCanWait());
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        AtomicReference<Throwable> saw = new AtomicReference<>();
        try (Kernel k = kernel(2)) {
            TaskHandle<Void> sender = k.defaultScheduler().spawn(() -> {
                try {
                    ch.send("late");
                } catch (ChannelClosedException e) {
                    saw.set(e);
                }
            });
            awaitWaitingSenders(ch, 1);
            ch.close();
            assertThat(outcome(sender)).isInstanceOf(TaskResult.Completed.class);
        }
        assertThat(saw.get()).isInstanceOf(ChannelClosedException.class);
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    // ------------------------------------------------------------------ passing messages

    @Test
    void fifoFromOneTaskSenderToAPlainThread() {
        Channel<String> ch = newChannel();
        int n = 500;
        try (Kernel k = kernel(2)) {
            TaskHandle<Void> sender = k.defaultScheduler().spawn(() -> {
                for (int i = 0; i < n; i++) {
                    ch.send("m" + i);
                }
                ch.close();
            });
            List<String> got = new ArrayList<>();
            for (String m : ch) {
                got.add(m);
            }
            assertThat(got).containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> "m" + i).toList());
            assertThat(outcome(sender)).isInstanceOf(TaskResult.Completed.class);
        }
    }

    @Test
    void fifoFromAPlainThreadToTasksOnTwoSchedulers() throws Exception {
        Channel<String> ch = newChannel();
        int n = 400;
        try (Kernel k = kernel(1)) {
            Scheduler other = k.newScheduler(SchedulerSpec.threads(1).named("other"));
            TaskHandle<List<Integer>> a = k.defaultScheduler().spawn(() -> receiveAll(ch));
            TaskHandle<List<Integer>> b = other.spawn(() -> receiveAll(ch));
            Thread sender = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < n; i++) {
                    ch.send(Integer.toString(i));
                }
                ch.close();
            });
            joinThread(sender);
            List<Integer> fromA = a.join(), fromB = b.join();
            assertThat(fromA).isSorted();
            assertThat(fromB).isSorted();
            List<Integer> all = new ArrayList<>(fromA);
            all.addAll(fromB);
            assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
            other.close();
        }
    }

    private static List<Integer> receiveAll(Channel<String> ch) {
        List<Integer> got = new ArrayList<>();
        for (String m : ch) {
            got.add(Integer.parseInt(m));
        }
        return got;
    }

    @Test
    void waitingSendAndReceiveMeet() throws Exception {
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        try (Kernel k = kernel(2)) {
            // a receiver that has to wait (rendezvous: always; else after draining the buffer)
            List<String> got = new ArrayList<>(drain(ch));
            TaskHandle<String> receiver = k.defaultScheduler().spawn(() -> ch.receive());
            awaitWaitingReceivers(ch, 1);
            assertThat(ch.send("direct", Duration.ofSeconds(30))).isTrue();
            got.add(receiver.join());
            sent.add("direct");
            assertThat(got).containsExactlyElementsOf(sent);

            // a timed sender that has to wait (unless unbounded) is released by a receiver
            List<String> again = fill(ch);
            TaskHandle<Boolean> sender = k.defaultScheduler().spawn(() -> ch.send("waited", Duration.ofSeconds(30)));
            if (sendsCanWait()) {
                awaitWaitingSenders(ch, 1);
            }
            again.add("waited");
            List<String> got2 = new ArrayList<>();
            for (int i = 0; i < again.size(); i++) {
                got2.add(ch.receive(Duration.ofSeconds(30)).orElseThrow());
            }
            assertThat(sender.join()).isTrue();
            assertThat(got2).containsExactlyElementsOf(again);
        }
    }

    // ------------------------------------------------------------------ kill and interrupt

    @Test
    void killedWaitingSenderThrowsAndItsMessageIsNotDelivered() {
        assumeTrue(sendsCanWait());
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        AtomicReference<Throwable> saw = new AtomicReference<>();
        try (Kernel k = kernel(2)) {
            TaskHandle<Void> sender = k.defaultScheduler().spawn(() -> {
                try {
                    ch.send("killed");
                } catch (Throwable e) {
                    saw.set(e);
                    throw e;
                }
            });
            awaitWaitingSenders(ch, 1);
            sender.kill();
            assertThat(outcome(sender)).isInstanceOf(TaskResult.Killed.class);
        }
        assertThat(saw.get()).isInstanceOf(TaskKilledException.class);
        assertThat(ch.core().waitingSenders()).isZero();
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    @Test
    void killedWaitingReceiverThrowsAndReceivesNothing() {
        for (boolean timed : new boolean[] {false, true}) {
            Channel<String> ch = newChannel();
            AtomicReference<Throwable> saw = new AtomicReference<>();
            try (Kernel k = kernel(2)) {
                TaskHandle<String> receiver = k.defaultScheduler().spawn(() -> {
                    try {
                        return timed ? ch.receive(Duration.ofHours(1)).orElse("timed out") : ch.receive();
                    } catch (Throwable e) {
                        saw.set(e);
                        throw e;
                    }
                });
                awaitWaitingReceivers(ch, 1);
                receiver.kill();
                assertThat(outcome(receiver)).isInstanceOf(TaskResult.Killed.class);
            }
            assertThat(saw.get()).as("timed=" + timed).isInstanceOf(TaskKilledException.class);
            assertThat(ch.core().waitingReceivers()).isZero();
            // a later message is not swallowed by the dead receiver
            if (capacity() > 0) {
                assertThat(ch.trySend("after")).isTrue();
                assertThat(ch.tryReceive()).contains("after");
            } else {
                assertThat(ch.trySend("after")).isFalse();
            }
        }
    }

    @Test
    void killedTaskCannotSendOrReceiveEvenWhenReady() {
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        AtomicReference<Throwable> sendSaw = new AtomicReference<>(), receiveSaw = new AtomicReference<>();
        try (Kernel k = kernel(2)) {
            TaskHandle<Void> t = k.defaultScheduler().spawn(() -> {
                Task.current().kill();
                try {
                    ch.send("from a killed task", Duration.ofSeconds(30));
                } catch (Throwable e) {
                    sendSaw.set(e);
                }
                try {
                    ch.receive();
                } catch (Throwable e) {
                    receiveSaw.set(e);
                }
            });
            assertThat(outcome(t)).isInstanceOf(TaskResult.Killed.class);
        }
        assertThat(sendSaw.get()).isInstanceOf(TaskKilledException.class);
        assertThat(receiveSaw.get()).isInstanceOf(TaskKilledException.class);
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    @Test
    void interruptedPlainThreadThrowsTaskInterruptedAndKeepsItsFlag() throws Exception {
        Channel<String> ch = newChannel();
        AtomicReference<Throwable> saw = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                ch.receive();
            } catch (Throwable e) {
                saw.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitWaitingReceivers(ch, 1);
        t.interrupt();
        joinThread(t);
        assertThat(saw.get()).isInstanceOf(TaskInterruptedException.class);
        assertThat(flag.get()).isTrue();
        assertThat(ch.core().waitingReceivers()).isZero();
    }

    @Test
    void interruptedWaitingSenderDeliversNothing() throws Exception {
        assumeTrue(sendsCanWait());
        Channel<String> ch = newChannel();
        List<String> sent = fill(ch);
        AtomicReference<Throwable> saw = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                ch.send("interrupted", Duration.ofHours(1));
            } catch (Throwable e) {
                saw.set(e);
            }
        });
        started.await();
        awaitWaitingSenders(ch, 1);
        t.interrupt();
        joinThread(t);
        assertThat(saw.get()).isInstanceOf(TaskInterruptedException.class);
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    // ------------------------------------------------------------------ description

    @Test
    void toStringSaysKindAndState() {
        Channel<String> ch = newChannel();
        String kind = capacity() == 0 ? "rendezvous" : capacity() == Integer.MAX_VALUE ? "unbounded" : "bounded(" + capacity() + ")";
        assertThat(ch.toString()).startsWith("Channel#").contains(kind).contains("open");
        ch.close();
        assertThat(ch.toString()).contains("closed");
        assertThat(ch.iterator().toString()).contains(kind);
    }
}
