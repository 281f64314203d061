package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The end of a kernel that a task refuses: the grace report and the shutdown timeout. */
class ShutdownTest {
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final CountDownLatch stillAliveReported = new CountDownLatch(1);

    @BeforeEach
    void captureStderr() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8) {
            @Override
            public void print(String s) {
                super.print(s);
                if (s != null && s.contains("still alive")) {
                    stillAliveReported.countDown();
                }
            }
        });
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
    }

    private String stderr() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A task that never reaches a blocking call: kill cannot stop it. */
    private static TaskAction spinUntil(AtomicBoolean stop, CountDownLatch started) {
        return () -> {
            started.countDown();
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        };
    }

    @Test
    void afterTheGraceEveryTaskStillAliveIsReportedWithItsStack() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Integer> status = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> status.set(Kernel.run(
                KernelConfig.defaults().withDefaultThreads(1).withShutdownGrace(Duration.ofMillis(50)), () -> {
                    Scheduler s = Kernel.current().newScheduler(SchedulerSpec.threads(1).named("spinning"));
                    Task.builder().name("ignores-kill").scheduler(s).spawn(spinUntil(stop, started));
                    started.await();
                    Kernel.current().fail(new IllegalStateException("stop now"));
                })));
        stillAliveReported.await();
        assertThat(stderr()).contains("still alive").contains("'ignores-kill'").contains("on 'spinning'")
                .contains("(killed)").contains("not in a weft call").contains("spinUntil");
        stop.set(true);
        runner.join();
        assertThat(status.get()).isEqualTo(101);
    }

    @Test
    void theShutdownTimeoutEndsRunWith101AndCompletesStuckHandlesAsKilled() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<TaskHandle<Void>> stuck = new AtomicReference<>();
        int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1).withShutdownGrace(Duration.ofMillis(20))
                .withShutdownTimeout(Duration.ofMillis(100)), () -> {
            Scheduler s = Kernel.current().newScheduler(SchedulerSpec.threads(1).named("stuck"));
            stuck.set(Task.builder().name("ignores-kill").scheduler(s).spawn(spinUntil(stop, started)));
            started.await();
            Kernel.current().fail(new IllegalStateException("stop now"));
        });
        try {
            assertThat(status).isEqualTo(101);
            assertThat(stuck.get().await(Duration.ZERO)).contains(new TaskResult.Killed<>());
            assertThat(stderr()).contains("shutdown timed out").contains("weft-stuck-0");
        } finally {
            stop.set(true); // let the abandoned carrier finish, so no thread outlives the test
            for (Thread t : dev.weft.testing.WeftThreads.named("weft-stuck-")) {
                t.join();
            }
        }
    }

    @Test
    void aKernelThatEndsInTimeReportsNothing() {
        int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1).withShutdownGrace(Duration.ofMillis(1))
                .withShutdownTimeout(Duration.ofSeconds(30)), () -> {
            Task.spawn(() -> Task.sleep(Duration.ofMillis(5)));
        });
        assertThat(status).isZero();
        assertThat(stderr()).doesNotContain("still alive").doesNotContain("timed out");
    }
}
