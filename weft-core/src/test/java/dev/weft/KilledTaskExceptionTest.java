package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** API.md: an exception thrown while a task is being killed is attached (as suppressed) to the failure that killed it. */
class KilledTaskExceptionTest {

    @Test
    void aFinallyThatThrowsWhileAFailureKillsItsTaskIsAttachedToThatFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicReference<TaskHandle<Void>> victim = new AtomicReference<>();
        int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(FailureReporter.silent()), () -> {
            CountDownLatch asleep = new CountDownLatch(1);
            victim.set(Task.builder().name("victim").link(Link.SUPERVISED).scheduler(Kernel.current().defaultScheduler()).spawn(() -> {
                try {
                    asleep.countDown();
                    Task.sleep(Duration.ofDays(1));
                } finally {
                    throw new IllegalArgumentException("cleanup broke");
                }
            }));
            asleep.await();
            throw boom; // the main task fails: the kernel kills the victim
        });
        assertThat(status).isEqualTo(101);
        assertThat(victim.get().await()).isEqualTo(new TaskResult.Killed<>());
        assertThat(boom.getSuppressed()).singleElement()
                .satisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("cleanup broke"));
    }

    @Test
    void theKillItselfIsNotAttached() {
        IllegalStateException boom = new IllegalStateException("boom");
        int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(FailureReporter.silent()), () -> {
            CountDownLatch asleep = new CountDownLatch(1);
            Task.builder().link(Link.SUPERVISED).scheduler(Kernel.current().defaultScheduler()).spawn(() -> {
                asleep.countDown();
                Task.sleep(Duration.ofDays(1)); // throws TaskKilledException: the kill, not a new failure
            });
            asleep.await();
            throw boom;
        });
        assertThat(status).isEqualTo(101);
        assertThat(boom.getSuppressed()).isEmpty();
    }

    @Test
    void aPlainKillAttachesNothingAndTheOutcomeIsStillKilled() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(FailureReporter.silent()))) {
            CountDownLatch asleep = new CountDownLatch(1);
            TaskHandle<Void> h = k.defaultScheduler().spawn(() -> {
                try {
                    asleep.countDown();
                    Task.sleep(Duration.ofDays(1));
                } finally {
                    throw new IllegalArgumentException("cleanup broke");
                }
            });
            asleep.await();
            h.kill();
            assertThat(h.await()).isEqualTo(new TaskResult.Killed<>());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
