package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers shared by the channel and select tests. */
final class ChannelTesting {
    /** How long a helper waits for something that must happen soon before failing the test. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private ChannelTesting() {
    }

    /** @return an embedded kernel whose default scheduler has {@code threads} carriers */
    static Kernel kernel(int threads) {
        return Kernel.start(KernelConfig.defaults().withDefaultThreads(threads));
    }

    /**
     * Polls (yielding, never sleeping for a fixed time) until {@code condition} holds; fails the
     * test if it does not within {@link #PATIENCE}.
     */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** Waits until {@code n} waiters are queued to send on {@code ch}. */
    static void awaitWaitingSenders(Channel<?> ch, int n) {
        awaitTrue(() -> ch.core().waitingSenders() == n, n + " waiting sender(s) on " + ch);
    }

    /** Waits until {@code n} waiters are queued to receive on {@code ch}. */
    static void awaitWaitingReceivers(Channel<?> ch, int n) {
        awaitTrue(() -> ch.core().waitingReceivers() == n, n + " waiting receiver(s) on " + ch);
    }

    /** Waits for a task's outcome, failing the test if it takes longer than {@link #PATIENCE}. */
    static <T> TaskResult<T> outcome(TaskHandle<T> h) {
        return h.await(PATIENCE).orElseGet(() -> fail(h + " did not end within " + PATIENCE));
    }

    /** Joins a plain thread, failing the test if it does not end within {@link #PATIENCE}. */
    static void joinThread(Thread t) throws InterruptedException {
        if (!t.join(PATIENCE)) {
            t.interrupt();
            fail(t + " did not end within " + PATIENCE);
        }
    }

    /** Every weft thread (carriers "weft-...", the reaper) must be gone after a kernel closed. */
    static void assertNoWeftThreadsAlive() {
        List<String> alive = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("weft-"))
                .toList();
        assertThat(alive).as("weft threads still alive after the test").isEmpty();
    }
}
