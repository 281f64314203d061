package dev.weft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets its specific exception with a message naming the bad value. */
class BadInputTest {
    private static Kernel kernel;
    private static Scheduler closed;
    private static TaskHandle<Integer> done;

    @BeforeEach
    void setUp() {
        kernel = Kernel.start(KernelConfig.defaults().withDefaultThreads(1));
        closed = kernel.newScheduler(SchedulerSpec.threads(1).named("closed-one"));
        closed.close();
        done = kernel.defaultScheduler().spawn(() -> 1);
        done.join();
    }

    @AfterEach
    void tearDown() {
        kernel.close();
    }

    record Case(String what, ThrowingCallable call, Class<? extends Throwable> type, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> cases() { // also counted by BadInputChannelTest for RELIABILITY.md
        Duration negative = Duration.ofMillis(-1);
        return Stream.of(
                new Case("threads(0)", () -> SchedulerSpec.threads(0), IllegalArgumentException.class, "threads(0)"),
                new Case("threads(-3)", () -> SchedulerSpec.threads(-3), IllegalArgumentException.class, "threads(-3)"),
                new Case("withDefaultThreads(-1)", () -> KernelConfig.defaults().withDefaultThreads(-1), IllegalArgumentException.class, "withDefaultThreads(-1)"),
                new Case("withDefaultThreads(0)", () -> KernelConfig.defaults().withDefaultThreads(0), IllegalArgumentException.class, "withDefaultThreads(0)"),
                new Case("named(null)", () -> SchedulerSpec.threads(1).named(null), NullPointerException.class, "scheduler name"),
                new Case("named(blank)", () -> SchedulerSpec.threads(1).named(" "), IllegalArgumentException.class, "blank"),
                new Case("withShutdownGrace(-1ms)", () -> KernelConfig.defaults().withShutdownGrace(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("withShutdownTimeout(null)", () -> KernelConfig.defaults().withShutdownTimeout(null), NullPointerException.class, "shutdown timeout"),
                new Case("withFailureReporter(null)", () -> KernelConfig.defaults().withFailureReporter(null), NullPointerException.class, "failure reporter"),
                new Case("withCarrierThreadFactory(null)", () -> KernelConfig.defaults().withCarrierThreadFactory(null), NullPointerException.class, "carrier thread factory"),
                new Case("Kernel.run(null action)", () -> Kernel.run((TaskAction) null), NullPointerException.class, "main task body"),
                new Case("Kernel.run(null body)", () -> Kernel.run((TaskBody<?>) null), NullPointerException.class, "main task body"),
                new Case("Kernel.run(null config)", () -> Kernel.run(null, () -> { }), NullPointerException.class, "kernel config"),
                new Case("Kernel.start(null)", () -> Kernel.start(null), NullPointerException.class, "kernel config"),
                new Case("Kernel.current() outside", Kernel::current, IllegalStateException.class, "outside a weft task"),
                new Case("Task.current() outside", Task::current, IllegalStateException.class, "outside a weft task"),
                new Case("Scheduler.current() outside", Scheduler::current, IllegalStateException.class, "outside a weft task"),
                new Case("spawn(null body)", () -> kernel.defaultScheduler().spawn((TaskBody<Integer>) null), NullPointerException.class, "task body"),
                new Case("spawn(null action)", () -> kernel.defaultScheduler().spawn((TaskAction) null), NullPointerException.class, "task body"),
                new Case("builder.name(null)", () -> Task.builder().name(null), NullPointerException.class, "task name"),
                new Case("builder.scheduler(null)", () -> Task.builder().scheduler(null), NullPointerException.class, "scheduler"),
                new Case("builder.link(null)", () -> Task.builder().link(null), NullPointerException.class, "link"),
                new Case("builder.newScheduler(null)", () -> Task.builder().newScheduler(null), NullPointerException.class, "scheduler spec"),
                new Case("builder.newScheduler outside", () -> Task.builder().newScheduler(SchedulerSpec.threads(1)).spawn(() -> 1), IllegalStateException.class, "outside a weft task"),
                new Case("newScheduler(null)", () -> kernel.newScheduler(null), NullPointerException.class, "scheduler spec"),
                new Case("duplicate scheduler name", () -> kernel.newScheduler(SchedulerSpec.threads(1).named("default")), IllegalArgumentException.class, "'default'"),
                new Case("spawn on closed", () -> closed.spawn(() -> 1), SchedulerClosedException.class, "'closed-one'"),
                new Case("await(null)", () -> done.await(null), NullPointerException.class, "await timeout"),
                new Case("await(-1ms)", () -> done.await(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("Task.sleep(null)", () -> Task.sleep(null), NullPointerException.class, "sleep duration"),
                new Case("Task.sleep(-1ms)", () -> Task.sleep(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("scheduler.awaitTermination(-1ms)", () -> closed.awaitTermination(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("kernel.awaitTermination(null)", () -> kernel.awaitTermination(null), NullPointerException.class, "awaitTermination timeout"),
                new Case("lookup(null)", () -> kernel.lookup(null), NullPointerException.class, "task id"),
                new Case("fail(null)", () -> kernel.fail(null), NullPointerException.class, "failure cause"),
                new Case("TaskId(0)", () -> new TaskId(0), IllegalArgumentException.class, "got 0"),
                new Case("unkillable(null)", () -> Task.unkillable((TaskAction) null), NullPointerException.class, "unkillable body"),
                new Case("Kernel.start(deterministic)", () -> Kernel.start(KernelConfig.deterministic(1)), IllegalArgumentException.class, "Kernel.run")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedWithASpecificMessage(Case c) {
        assertThatThrownBy(c.call()).as(c.what()).isInstanceOf(c.type()).hasMessageContaining(c.message());
    }

    @org.junit.jupiter.api.Test
    void waitingOnYourselfIsRefused() {
        TaskHandle<List<String>> h = kernel.defaultScheduler().spawn(() -> {
            List<String> msgs = new java.util.ArrayList<>();
            for (ThrowingCallable c : List.<ThrowingCallable>of(() -> Task.current().join(), () -> Task.current().await(),
                    () -> Task.current().await(Duration.ofSeconds(1)), () -> Scheduler.current().awaitTermination(),
                    () -> kernel.awaitTermination(), kernel::close)) {
                try {
                    c.call();
                    msgs.add("no error");
                } catch (Throwable t) {
                    msgs.add(t.getClass().getSimpleName() + ": " + t.getMessage());
                }
            }
            return msgs;
        });
        org.assertj.core.api.Assertions.assertThat(h.join()).hasSize(6)
                .allSatisfy(m -> org.assertj.core.api.Assertions.assertThat(m).startsWith("IllegalStateException").contains("itself"));
    }
}
