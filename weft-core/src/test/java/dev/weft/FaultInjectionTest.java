package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.ForkedJvm;
import dev.weft.testing.ReliabilityReport;
import dev.weft.testing.WeftThreads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults from outside a task's normal life: carriers that cannot be made, a {@code finally} that
 * throws, a StackOverflowError deep in a task (in its own code and inside weft calls), an
 * OutOfMemoryError in a small-heap JVM, a task that ignores kill, a failure reporter that throws.
 * Each must leave the kernel consistent: the right outcome, the right exit status, the report
 * printed, every carrier joined (the global NoLeakedThreadsExtension) and nothing reaching the
 * default uncaught-exception handler. The faults injected are counted in
 * {@code target/reliability/faults.json}.
 */
class FaultInjectionTest {
    private static final Map<String, LongAdder> FAULTS = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> uncaught = new ConcurrentLinkedQueue<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    private static void injected(String kind) {
        FAULTS.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    @BeforeEach
    void recordUncaught() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
    }

    @AfterEach
    void nothingReachedTheDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        assertThat(uncaught).as("exceptions that reached the default uncaught-exception handler").isEmpty();
    }

    @AfterAll
    static void writeFigures() {
        Map<String, Long> out = new TreeMap<>();
        FAULTS.forEach((k, v) -> out.put(k, v.sum()));
        ReliabilityReport.write("faults.json", Map.of("faults", out));
    }

    private static String capturingStderr(Runnable r) {
        PrintStream real = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(real);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        real.print(s);
        return s;
    }

    private static KernelConfig silent(int threads) {
        return KernelConfig.defaults().withDefaultThreads(threads).withFailureReporter(FailureReporter.silent());
    }

    // ------------------------------------------------------------------ carriers that cannot be made

    /** Fails every newThread call while {@code failing}, or only the call numbered {@code failCall}. */
    private static final class BrokenFactory implements ThreadFactory {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        volatile int failCall = -1;
        volatile boolean returnNull;

        @Override
        public Thread newThread(Runnable r) {
            int n = calls.incrementAndGet();
            if (failing.get() || n == failCall) {
                injected(returnNull ? "carrierFactoryReturnsNull" : "carrierFactoryThrows");
                if (returnNull) {
                    return null;
                }
                throw new IllegalStateException("injected: no carrier thread for you");
            }
            return Thread.ofPlatform().unstarted(r);
        }
    }

    @Test
    void aCarrierThatCannotBeMadeRefusesTheSpawnClosesTheSchedulerAndTheKernelGoesOn() {
        BrokenFactory factory = new BrokenFactory();
        Kernel k = Kernel.start(silent(1).withCarrierThreadFactory(factory));
        try {
            assertThat(k.defaultScheduler().spawn(() -> 1).join()).isEqualTo(1);
            factory.failing.set(true);
            Scheduler doomed = k.newScheduler(SchedulerSpec.threads(2).named("doomed"));
            assertThatThrownBy(() -> doomed.spawn(() -> 2)).isInstanceOf(SchedulerClosedException.class)
                    .hasMessageContaining("'doomed'").hasRootCauseMessage("injected: no carrier thread for you");
            assertThat(doomed.isClosed()).isTrue();
            assertThat(doomed.awaitTermination(Duration.ofSeconds(20))).isTrue();
            assertThatThrownBy(() -> doomed.spawn(() -> 3)).isInstanceOf(SchedulerClosedException.class);

            // a scheduler of a task's own that cannot start: the spawn inside the task is refused
            TaskHandle<String> h = k.defaultScheduler().spawn(() -> {
                try {
                    Task.builder().newScheduler(SchedulerSpec.threads(1)).spawn(() -> "ran");
                    return "spawned";
                } catch (SchedulerClosedException e) {
                    return "refused";
                }
            });
            assertThat(h.join()).isEqualTo("refused");

            // the second carrier of two fails after the first started: that one is joined too
            factory.failing.set(false);
            factory.failCall = factory.calls.get() + 2;
            Scheduler half = k.newScheduler(SchedulerSpec.threads(2).named("half"));
            assertThatThrownBy(() -> half.spawn(() -> 4)).isInstanceOf(SchedulerClosedException.class).hasMessageContaining("'half'");
            assertThat(half.awaitTermination(Duration.ofSeconds(20))).isTrue();
            assertThat(WeftThreads.alive()).noneMatch(n -> n.startsWith("weft-half-"));

            // a factory that returns null
            factory.returnNull = true;
            factory.failCall = factory.calls.get() + 1;
            Scheduler nulls = k.newScheduler(SchedulerSpec.threads(1).named("nulls"));
            assertThatThrownBy(() -> nulls.spawn(() -> 5)).isInstanceOf(SchedulerClosedException.class).hasMessageContaining("null");
            factory.returnNull = false;

            // the kernel is still usable on other schedulers, and ends normally
            Scheduler fine = k.newScheduler(SchedulerSpec.threads(1).named("fine"));
            assertThat(fine.spawn(() -> 6).join()).isEqualTo(6);
            assertThat(k.defaultScheduler().spawn(() -> 7).join()).isEqualTo(7);
            assertThat(k.isFailed()).isFalse();
        } finally {
            k.close();
        }
        assertThat(k.awaitTermination()).isZero();
        assertThat(k.tasks()).isEmpty();
    }

    @Test
    void insideRunACarrierThatCannotBeMadeIsAnOrdinaryRefusalAndTheKernelEndsWithZero() {
        BrokenFactory factory = new BrokenFactory();
        int status = Kernel.run(silent(1).withCarrierThreadFactory(factory), () -> {
            factory.failing.set(true);
            Scheduler doomed = Kernel.current().newScheduler(SchedulerSpec.threads(1).named("doomed"));
            assertThatThrownBy(() -> Task.builder().scheduler(doomed).spawn(() -> 1)).isInstanceOf(SchedulerClosedException.class);
            assertThatThrownBy(() -> Task.builder().newScheduler(SchedulerSpec.threads(1)).spawn(() -> 1))
                    .isInstanceOf(SchedulerClosedException.class);
            assertThat(Task.spawn(() -> 8).join()).isEqualTo(8); // the main scheduler needs no new thread
            factory.failing.set(false);
            assertThat(Kernel.current().defaultScheduler().spawn(() -> 9).join()).isEqualTo(9);
        });
        assertThat(status).isZero();
    }

    // ------------------------------------------------------------------ finally throws

    @Test
    void aFinallyThatThrowsIsTheTasksFailureAndNothingElseBreaks() throws Exception {
        IllegalStateException fromFinally = new IllegalStateException("injected: finally threw");
        IllegalStateException fromFinally2 = new IllegalStateException("injected: finally threw after the body threw");
        IllegalStateException fromKilledFinally = new IllegalStateException("injected: finally of a killed task threw");
        try (Kernel k = Kernel.start(silent(1))) {
            TaskHandle<Integer> returns = k.defaultScheduler().spawn(() -> {
                try {
                    return 1;
                } finally {
                    injected("finallyThrows");
                    throwIt(fromFinally);
                }
            });
            assertThat(returns.await()).isEqualTo(new TaskResult.Failed<>(fromFinally));

            TaskHandle<Integer> throwsTwice = k.defaultScheduler().spawn(() -> {
                try {
                    throw new IllegalArgumentException("the body's own");
                } finally {
                    injected("finallyThrowsOverABodyException");
                    throwIt(fromFinally2);
                }
            });
            assertThat(throwsTwice.await()).isEqualTo(new TaskResult.Failed<>(fromFinally2));

            CountDownLatch sleeping = new CountDownLatch(1);
            TaskHandle<Void> killed = k.defaultScheduler().spawn(() -> {
                try {
                    sleeping.countDown();
                    Task.sleep(Duration.ofDays(1));
                } finally {
                    injected("finallyOfAKilledTaskThrows");
                    throwIt(fromKilledFinally);
                }
            });
            sleeping.await();
            killed.kill();
            assertThat(killed.await()).isEqualTo(new TaskResult.Killed<>());
            assertThat(k.defaultScheduler().spawn(() -> 2).join()).isEqualTo(2);
            assertThat(k.isFailed()).isFalse();
        }

        // inside Kernel.run, a LINKED child whose finally throws fails the kernel
        int status = Kernel.run(silent(1), () -> {
            Task.spawn(() -> {
                try {
                    Task.yieldNow();
                } finally {
                    injected("finallyThrowsInALinkedChild");
                    throwIt(new IllegalStateException("injected: a linked child's finally threw"));
                }
            }).await();
        });
        assertThat(status).isEqualTo(101);
    }

    private static void throwIt(RuntimeException e) {
        throw e;
    }

    // ------------------------------------------------------------------ stack overflow

    private static int plainRecursion(int depth) {
        return plainRecursion(depth + 1) + 1;
    }

    /**
     * Non-parking weft calls at every depth, so the overflow may strike inside weft's code. (No
     * yield or park at depth: a virtual thread that yields with a stack thousands of frames deep
     * crawls on the JDK's own scheduler too — freezing the stack each time — so that is a JDK
     * limit, not a weft fault.)
     */
    private static int recursionThroughWeftCalls(int depth, Channel<Integer> ch) {
        if (depth % 8 == 0) {
            Task.checkKilled();
            ch.trySend(depth);
            ch.tryReceive();
        }
        return recursionThroughWeftCalls(depth + 1, ch) + 1;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain recursion", "recursion through weft calls"})
    void aStackOverflowDeepInATaskIsItsFailureAndTheCarrierIsReused(String how) {
        try (Kernel k = Kernel.start(silent(1))) {
            Scheduler deep = k.newScheduler(SchedulerSpec.threads(1).named("deep"));
            Channel<Integer> ch = Channel.bounded(4);
            for (int round = 0; round < 3; round++) {
                AtomicReference<String> carrier = new AtomicReference<>();
                TaskHandle<Integer> h = deep.spawn(() -> {
                    carrier.set(WeftThreads.carrierOf(Thread.currentThread()).getName());
                    injected("stackOverflow." + (how.startsWith("plain") ? "plainRecursion" : "insideWeftCalls"));
                    return how.startsWith("plain") ? plainRecursion(0) : recursionThroughWeftCalls(0, ch);
                });
                TaskResult<Integer> r = h.await();
                assertThat(r).isInstanceOfSatisfying(TaskResult.Failed.class,
                        f -> assertThat(f.cause()).isInstanceOf(StackOverflowError.class));
                AtomicReference<String> after = new AtomicReference<>();
                assertThat(deep.spawn(() -> {
                    after.set(WeftThreads.carrierOf(Thread.currentThread()).getName());
                    Task.yieldNow();
                    return 42;
                }).join()).isEqualTo(42);
                assertThat(after.get()).isEqualTo(carrier.get()).isEqualTo("weft-deep-0");
            }
            assertThat(k.isFailed()).isFalse();
            deep.close();
        }
    }

    // ------------------------------------------------------------------ out of memory

    /** Run in a JVM with a small heap: a task (or the main task) allocates until OutOfMemoryError. */
    public static final class OutOfMemoryMain {
        public static void main(String[] args) {
            boolean inMain = args.length > 0 && args[0].equals("main");
            int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1), () -> {
                if (inMain) {
                    hog();
                } else {
                    Task.builder().scheduler(Kernel.current().defaultScheduler()).spawn(OutOfMemoryMain::hog).join();
                }
            });
            System.out.println("Kernel.run returned " + status);
            System.exit(status);
        }

        static void hog() {
            List<long[]> hog = new ArrayList<>();
            for (;;) {
                hog.add(new long[1 << 17]); // 1 MiB at a time
            }
        }
    }

    @ParameterizedTest(name = "in the {0} task")
    @ValueSource(strings = {"main", "child"})
    void anOutOfMemoryErrorFailsTheKernelWith101AndIsReported(String where) throws Exception {
        injected("outOfMemory.forkedJvm." + where);
        ForkedJvm.Result r = ForkedJvm.run(List.of(ForkedJvm.addOpens(), "-Xmx32m"), OutOfMemoryMain.class, where);
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(101);
        assertThat(r.stdout()).contains("Kernel.run returned 101");
        assertThat(r.stderr()).contains("OutOfMemoryError").contains("exit status 101");
    }

    // ------------------------------------------------------------------ a task that ignores kill

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Kernel.run, main fails", "embedded, close()"})
    void aTaskThatIgnoresKillIsNamedAfterTheGraceAndTheTimeoutEndsTheKernelWith101(String how) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch spinning = new CountDownLatch(1);
        AtomicReference<TaskHandle<Void>> hog = new AtomicReference<>();
        AtomicInteger status = new AtomicInteger(-1);
        KernelConfig config = silent(1).withShutdownGrace(Duration.ofMillis(50)).withShutdownTimeout(Duration.ofMillis(400));
        TaskAction spin = () -> {
            spinning.countDown();
            while (!stop.get()) {
                Thread.onSpinWait(); // never a weft call: kill cannot land
            }
        };
        injected("taskIgnoresKill");
        String err;
        try {
            err = capturingStderr(() -> {
                if (how.startsWith("Kernel.run")) {
                    status.set(Kernel.run(config, () -> {
                        Scheduler s = Kernel.current().newScheduler(SchedulerSpec.threads(1).named("hog"));
                        hog.set(Task.builder().name("cpu-hog").scheduler(s).link(Link.SUPERVISED).spawn(spin));
                        spinning.await();
                        throw new IllegalStateException("injected: the main task fails");
                    }));
                } else {
                    Kernel k = Kernel.start(config);
                    Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("hog"));
                    hog.set(Task.builder().name("cpu-hog").scheduler(s).spawn(spin));
                    try {
                        spinning.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    k.close();
                    status.set(k.awaitTermination());
                }
            });
        } finally {
            stop.set(true); // let the abandoned carrier finish, so no thread outlives the test
            for (Thread t : WeftThreads.named("weft-hog-")) {
                t.join();
            }
        }
        assertThat(status.get()).isEqualTo(101);
        assertThat(hog.get().await(Duration.ZERO)).contains(new TaskResult.Killed<>());
        assertThat(err).contains("still alive").contains("'cpu-hog'").contains("on 'hog'")
                .contains("shutdown timed out").contains("weft-hog-0");
    }

    // ------------------------------------------------------------------ a reporter that throws

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RuntimeException", "Error", "StackOverflowError"})
    void aFailureReporterThatThrowsNeverBreaksTheKernel(String what) {
        FailureReporter broken = (task, cause, failedToo, failsKernel) -> {
            injected("failureReporterThrows." + what);
            switch (what) {
                case "RuntimeException" -> throw new IllegalStateException("injected: the reporter is broken");
                case "Error" -> throw new AssertionError("injected: the reporter is broken");
                default -> throw new StackOverflowError("injected: the reporter is broken");
            }
        };
        String err = capturingStderr(() -> {
            try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(broken))) {
                IllegalStateException rootBoom = new IllegalStateException("root boom");
                assertThat(k.defaultScheduler().spawn(() -> {
                    throw rootBoom;
                }).await()).isEqualTo(new TaskResult.Failed<>(rootBoom));
                assertThat(k.defaultScheduler().spawn(() -> 42).join()).isEqualTo(42);
                assertThat(k.isFailed()).isFalse();
            }
            int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(broken), () -> {
                Task.spawn(() -> {
                    throw new IllegalStateException("linked boom");
                }).await();
            });
            assertThat(status).isEqualTo(101);
        });
        assertThat(err).contains("the failure reporter threw").contains("root boom").contains("linked boom");
    }
}
