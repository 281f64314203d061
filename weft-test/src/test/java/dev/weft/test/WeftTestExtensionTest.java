package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Channel;
import dev.weft.Kernel;
import dev.weft.Scheduler;
import dev.weft.SchedulerSpec;
import dev.weft.Task;
import dev.weft.TaskHandle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The extension itself: each example class below is run through {@link TestKits} (the Jupiter
 * engine, in this JVM) and the test checks how many runs happened, in which kernels, and how the
 * failure reads.
 */
class WeftTestExtensionTest {

    // ---------------------------------------------------------------- passing bodies, counting

    @OnlyInTestKit
    static class Passing {
        static final AtomicInteger runs = new AtomicInteger();
        static final Set<Kernel> kernels = Collections.synchronizedSet(new HashSet<>());

        @WeftTest(seeds = 25)
        void passes() {
            runs.incrementAndGet();
            kernels.add(Kernel.current());
            assertThat(Task.current().id().value()).as("the body is the main task, id 1").isEqualTo(1);
            assertThat(Thread.currentThread().isVirtual()).isTrue();
        }
    }

    @Test
    void aPassingBodyRunsOncePerSeedEachTimeAsTheMainTaskOfANewKernel() {
        Passing.runs.set(0);
        Passing.kernels.clear();
        EngineExecutionResults results = TestKits.run(Passing.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(Passing.runs).hasValue(25);
        assertThat(Passing.kernels).hasSize(25);
    }

    @Test
    void theSeedsParameterOverridesTheCountAndTheSeedParameterReplaysOneSeed() {
        Passing.runs.set(0);
        TestKits.run(Passing.class, WeftTestExtension.SEEDS_PARAMETER, "7")
                .testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(Passing.runs).hasValue(7);

        Passing.runs.set(0);
        TestKits.run(Passing.class, WeftTestExtension.SEED_PARAMETER, "12345")
                .testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(Passing.runs).hasValue(1);
    }

    @OnlyInTestKit
    static class FixedSeed {
        static final AtomicInteger runs = new AtomicInteger();

        @WeftTest(seed = 42, seeds = 1000)
        void replays() {
            runs.incrementAndGet();
        }
    }

    @Test
    void aFixedSeedRunsExactlyOnce() {
        FixedSeed.runs.set(0);
        TestKits.run(FixedSeed.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(FixedSeed.runs).hasValue(1);
    }

    @OnlyInTestKit
    @ExtendWith(WeftTestExtension.class)
    static class Mixed {
        static final AtomicInteger weftRuns = new AtomicInteger();
        static final AtomicInteger plainRuns = new AtomicInteger();

        @Test
        @WeftTest(seeds = 3)
        void besideTest() {
            Task.current(); // inside a task
            weftRuns.incrementAndGet();
        }

        @Test
        void plain() {
            assertThatThrownBy(Task::current).isInstanceOf(IllegalStateException.class);
            plainRuns.incrementAndGet();
        }
    }

    @Test
    void besideTestItRunsOnceAsOneTestAndLeavesPlainTestsAlone() {
        Mixed.weftRuns.set(0);
        Mixed.plainRuns.set(0);
        TestKits.run(Mixed.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Mixed.weftRuns).hasValue(3);
        assertThat(Mixed.plainRuns).hasValue(1);
    }

    // ---------------------------------------------------------------- same seed, same run

    /**
     * Tasks on three schedulers yield, sleep on the virtual clock and pass messages; each
     * appends (task id, step) to the trace, which is therefore the interleaving.
     */
    static List<String> tracedProgram() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        Kernel k = Kernel.current();
        Scheduler other = k.newScheduler(SchedulerSpec.threads(3).named("other"));
        Channel<Integer> ch = Channel.bounded(1);
        List<TaskHandle<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Scheduler on = i % 3 == 0 ? k.mainScheduler() : i % 3 == 1 ? k.defaultScheduler() : other;
            int n = i;
            tasks.add(on.spawn(() -> {
                String me = Task.current().id().toString();
                for (int step = 0; step < 3; step++) {
                    trace.add(me + ":" + step);
                    if (n % 2 == 0) {
                        Task.yieldNow();
                    } else {
                        Task.sleep(Duration.ofMillis(n));
                    }
                }
                ch.send(n);
                trace.add(me + ":sent");
            }));
        }
        for (int i = 0; i < 6; i++) {
            trace.add("main:got " + ch.receive());
        }
        for (TaskHandle<?> t : tasks) {
            t.join();
        }
        return List.copyOf(trace);
    }

    @OnlyInTestKit
    static class Tracing {
        static final List<List<String>> traces = new CopyOnWriteArrayList<>();

        @WeftTest(seeds = 8, firstSeed = 100)
        void trace() throws Exception {
            traces.add(tracedProgram());
        }
    }

    @OnlyInTestKit
    static class TracingReplay {
        @WeftTest(seed = 103)
        void trace() throws Exception {
            Tracing.traces.add(tracedProgram());
        }
    }

    @Test
    void theSameSeedGivesTheSameInterleavingAndDifferentSeedsDiffer() {
        Tracing.traces.clear();
        TestKits.run(Tracing.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        TestKits.run(Tracing.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        TestKits.run(TracingReplay.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        List<List<String>> traces = List.copyOf(Tracing.traces);
        assertThat(traces).hasSize(17);
        assertThat(traces.subList(8, 16)).as("seeds 100..107 run again").isEqualTo(traces.subList(0, 8));
        assertThat(traces.get(16)).as("@WeftTest(seed = 103) replays the fourth run").isEqualTo(traces.get(3));
        assertThat(new HashSet<>(traces.subList(0, 8))).as("seeds pick different interleavings").hasSizeGreaterThan(1);
    }

    // ---------------------------------------------------------------- failures and their seeds

    @OnlyInTestKit
    static class FailsOnTheFourthRun {
        static final AtomicInteger runs = new AtomicInteger();

        @WeftTest(seeds = 10, firstSeed = 1000)
        void fails() {
            if (runs.incrementAndGet() == 4) {
                throw new IllegalStateException("the fourth run fails");
            }
        }
    }

    @Test
    void theFirstFailureStopsTheExplorationAndNamesItsSeed() {
        FailsOnTheFourthRun.runs.set(0);
        Throwable failure = TestKits.failureOf(TestKits.run(FailsOnTheFourthRun.class));
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessage("failed with seed 1003; rerun with @WeftTest(seed = 1003)")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("the fourth run fails");
        assertThat(FailsOnTheFourthRun.runs).hasValue(4);
    }

    @Test
    void theMessageIsValidJavaForAnySeed() {
        assertThat(WeftTestExtension.failureMessage(-7)).isEqualTo("failed with seed -7; rerun with @WeftTest(seed = -7)");
        assertThat(WeftTestExtension.failureMessage(1L << 40))
                .isEqualTo("failed with seed 1099511627776; rerun with @WeftTest(seed = 1099511627776L)");
    }

    @OnlyInTestKit
    static class LinkedChildFails {
        @WeftTest(seeds = 5)
        void childFails() throws Exception {
            TaskHandle<Void> child = Task.spawn(() -> {
                Task.yieldNow();
                throw new IllegalArgumentException("the child's own failure");
            });
            child.join();
        }
    }

    @Test
    void aLinkedChildsFailureIsTheCauseNotTheMainTasksKill() {
        Throwable failure = TestKits.failureOf(TestKits.run(LinkedChildFails.class));
        assertThat(failure).hasMessage(WeftTestExtension.failureMessage(0))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("the child's own failure");
    }

    @OnlyInTestKit
    static class ExitStatus {
        @WeftTest(seeds = 5, firstSeed = 9)
        void setsStatus() {
            Kernel.current().setExitStatus(3);
        }
    }

    @Test
    void aNonZeroExitStatusFailsTheRun() {
        Throwable failure = TestKits.failureOf(TestKits.run(ExitStatus.class));
        assertThat(failure).hasMessage(WeftTestExtension.failureMessage(9))
                .cause().isInstanceOf(AssertionError.class).hasMessageContaining("exit status 3");
    }

    @OnlyInTestKit
    static class Deadlock {
        @WeftTest(seeds = 5, firstSeed = 77)
        void deadlocks() throws Exception {
            Channel<String> left = Channel.rendezvous();
            Channel<String> right = Channel.rendezvous();
            TaskHandle<?> lefty = Task.builder().name("lefty").spawn(() -> right.send(left.receive()));
            TaskHandle<?> righty = Task.builder().name("righty").spawn(() -> left.send(right.receive()));
            lefty.join();
            righty.join();
        }
    }

    @Test
    void aDeadlockIsReportedWithItsSeedAndTheKernelsReport() {
        Throwable failure = TestKits.failureOf(TestKits.run(Deadlock.class));
        assertThat(failure).hasMessage(WeftTestExtension.failureMessage(77));
        assertThat(failure.getCause().getMessage()).contains("deadlock", "seed 77", "'lefty'", "'righty'", "'main'");
    }

    @OnlyInTestKit
    static class WithParameter {
        @WeftTest
        void needsAnArgument(TestInfo info) {
        }
    }

    @Test
    void aMethodWithParametersGetsAClearError() {
        Throwable failure = TestKits.failureOf(TestKits.run(WithParameter.class));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("needsAnArgument must take no parameters");
    }

    @Test
    void aSeedCountBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new Seeds(0, 0)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("seeds = 0");
    }

    // ---------------------------------------------------------------- @Timeout

    @OnlyInTestKit
    static class Hangs {
        static final AtomicInteger runs = new AtomicInteger();

        @WeftTest(seeds = 3, firstSeed = 5)
        @Timeout(value = 1, unit = TimeUnit.SECONDS)
        void waitsOnALatchNobodyCountsDown() throws Exception {
            runs.incrementAndGet();
            Task.builder().name("bystander").spawn(() -> Channel.<String>rendezvous().receive());
            new CountDownLatch(1).await(); // outside weft: the kernel waits in real time
        }
    }

    @Test
    void onTimeoutTheKernelsTasksAndTheStacksAreDumpedAndTheSeedIsNamed() {
        Hangs.runs.set(0);
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Throwable failure;
        try {
            failure = TestKits.failureOf(TestKits.run(Hangs.class));
        } finally {
            System.setErr(realErr);
        }
        String dump = err.toString(StandardCharsets.UTF_8);
        assertThat(failure).hasMessage(WeftTestExtension.failureMessage(5))
                .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("@Timeout(1 s)");
        assertThat(Hangs.runs).hasValue(1);
        assertThat(dump).contains("Hangs.waitsOnALatchNobodyCountsDown expired while seed 5 was running",
                "kernel tasks", "main", "bystander", "thread stacks");
    }

    @Test
    void timeoutDefaultsUseJUnitsSyntax() {
        assertThat(TimeoutSettings.parse("k", "5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(TimeoutSettings.parse("k", "250 ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(TimeoutSettings.parse("k", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> TimeoutSettings.parse("k", "soon")).isInstanceOf(ExtensionConfigurationException.class);
        assertThat(TimeoutSettings.ownShare(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(750));
        assertThat(TimeoutSettings.ownShare(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(9500));
    }
}
