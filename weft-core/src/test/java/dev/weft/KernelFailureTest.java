package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kernel failure (DESIGN.md I10; API.md "Outcomes" and the corner-case decisions): whatever fails
 * the kernel, every task on every scheduler (the main thread's included) is killed wherever it
 * waits, every {@code finally} runs, every scheduler exits and the status is 101; exit status and
 * report rules; {@code unkillable}; a plain interrupt is not a kill.
 */
class KernelFailureTest {

    record Report(TaskInfo task, Throwable cause, List<TaskId> failedToo, boolean failsKernel) { }

    /** Records every report instead of printing it. */
    static final class Recorder implements FailureReporter {
        final List<Report> reports = new CopyOnWriteArrayList<>();

        @Override
        public void report(TaskInfo task, Throwable cause, List<TaskId> failedToo, boolean failsKernel) {
            reports.add(new Report(task, cause, failedToo, failsKernel));
        }
    }

    static KernelConfig config(FailureReporter reporter) {
        return KernelConfig.defaults().withDefaultThreads(2).withFailureReporter(reporter);
    }

    /** How a fleet task waits. */
    enum Wait { JOIN, TASK_SLEEP, JDK_LATCH, THREAD_SLEEP }

    /**
     * Tasks blocked in every kind of wait (weft join, Task.sleep, a JDK CountDownLatch,
     * Thread.sleep) on the given schedulers, UNLINKED (or root tasks), so that only the kernel
     * failure itself can kill them. Nothing ever releases them.
     */
    static final class Fleet {
        final CountDownLatch never = new CountDownLatch(1);
        final List<Member> members = new CopyOnWriteArrayList<>();

        static final class Member {
            final String name;
            final Wait wait;
            final AtomicInteger started = new AtomicInteger();
            final AtomicInteger ended = new AtomicInteger();
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            volatile TaskHandle<?> handle;

            Member(String name, Wait wait) {
                this.name = name;
                this.wait = wait;
            }
        }

        /** Spawns one task per kind of wait on {@code s}; the joiner joins the latch waiter. */
        Member spawnOn(Scheduler s, String label) {
            Member sink = spawn(s, label, Wait.JDK_LATCH, null);
            for (Wait w : List.of(Wait.JOIN, Wait.TASK_SLEEP, Wait.THREAD_SLEEP)) {
                spawn(s, label, w, sink);
            }
            return sink;
        }

        private Member spawn(Scheduler s, String label, Wait w, Member sink) {
            Member m = new Member(label + "-" + w.name().toLowerCase(), w);
            members.add(m);
            m.handle = Task.builder().name(m.name).scheduler(s).link(Link.UNLINKED).spawn(() -> {
                m.started.incrementAndGet();
                try {
                    switch (w) {
                        case JOIN -> sink.handle.join();
                        case TASK_SLEEP -> Task.sleep(Duration.ofDays(1));
                        case JDK_LATCH -> never.await();
                        case THREAD_SLEEP -> Thread.sleep(Duration.ofDays(1));
                    }
                } catch (Exception e) {
                    m.thrown.set(e);
                    throw e;
                } finally {
                    m.ended.incrementAndGet();
                }
            });
            return m;
        }

        /** Waits (bounded) until every member has parked in its wait. */
        void awaitAllBlocked() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (Member m : members) {
                while (m.handle.state() != TaskState.BLOCKED) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(m.name + " never blocked: " + m.handle);
                    }
                    if (Thread.currentThread().isVirtual()) {
                        Task.yieldNow(); // it may be on our own scheduler
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        }

        /** @return one line per member: outcome, what its wait threw, body started/finally ran */
        String describe() {
            List<String> lines = new ArrayList<>();
            for (Member m : members) {
                Throwable t = m.thrown.get();
                lines.add(m.name + " " + outcome(m.handle) + " threw " + (t == null ? "-" : t.getClass().getSimpleName())
                        + " ran " + m.started.get() + "/" + m.ended.get());
            }
            return String.join("\n", lines);
        }

        /** @return what {@link #describe()} must say once the kernel failure killed every member */
        String allKilled() {
            List<String> lines = new ArrayList<>();
            for (Member m : members) {
                String thrown = m.wait == Wait.JOIN || m.wait == Wait.TASK_SLEEP ? "TaskKilledException" : "InterruptedException";
                lines.add(m.name + " Killed threw " + thrown + " ran 1/1");
            }
            return String.join("\n", lines);
        }
    }

    static String outcome(TaskHandle<?> h) {
        if (h == null) {
            return "never spawned";
        }
        return h.await(Duration.ZERO).map(r -> switch (r) {
            case TaskResult.Completed<?> ok -> "Completed";
            case TaskResult.Failed<?> f -> "Failed(" + f.cause().getMessage() + ")";
            case TaskResult.Killed<?> k -> "Killed";
        }).orElse("still alive");
    }

    /** Runs {@code r} with System.err captured; returns what was printed. */
    static String capturingStderr(ThrowingRunnable r) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static boolean stackMentionsThisTest(Throwable t) {
        return Arrays.stream(t.getStackTrace()).anyMatch(e -> e.getClassName().startsWith(KernelFailureTest.class.getName()));
    }

    // ------------------------------------------------------------------ every trigger, every scheduler

    /** What fails the kernel inside Kernel.run. */
    enum Trigger {
        FAIL_FROM_TASK, FAIL_FROM_PLAIN_THREAD, MAIN_FAILS, MAIN_KILLED_BY_TASK, MAIN_KILLED_BY_PLAIN_THREAD,
        LINKED_FAILURE_REACHES_MAIN
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void kernelFailureKillsEveryTaskOnEverySchedulerIncludingTheMainThread(Trigger trigger) throws Exception {
        Recorder rec = new Recorder();
        Fleet fleet = new Fleet();
        RuntimeException boom = new IllegalStateException("boom");
        AtomicReference<TaskHandle<?>> main = new AtomicReference<>();
        AtomicReference<TaskHandle<?>> triggerTask = new AtomicReference<>();
        AtomicReference<TaskHandle<?>> late = new AtomicReference<>();
        AtomicReference<TaskHandle<?>> linkedParent = new AtomicReference<>();
        AtomicReference<TaskHandle<?>> linkedChild = new AtomicReference<>();
        AtomicInteger mainRan = new AtomicInteger();
        AtomicInteger mainFinally = new AtomicInteger();
        AtomicInteger lateRan = new AtomicInteger();
        AtomicReference<Throwable> mainThrew = new AtomicReference<>();
        AtomicBoolean failReturned = new AtomicBoolean();
        AtomicReference<Thread> helper = new AtomicReference<>();
        AtomicReference<Kernel> kernel = new AtomicReference<>();

        int status = Kernel.run(config(rec), () -> {
            main.set(Task.current());
            mainRan.incrementAndGet();
            try {
                Kernel k = Kernel.current();
                kernel.set(k);
                Scheduler separate = k.newScheduler(SchedulerSpec.threads(2).named("separate"));
                fleet.spawnOn(k.mainScheduler(), "main");
                Fleet.Member sink = fleet.spawnOn(k.defaultScheduler(), "default");
                fleet.spawnOn(separate, "separate");
                Thread spawner = Thread.ofPlatform().name("spawner").start(() -> fleet.spawnOn(k.defaultScheduler(), "root"));
                spawner.join();
                fleet.awaitAllBlocked();
                switch (trigger) {
                    case FAIL_FROM_TASK, MAIN_KILLED_BY_TASK -> triggerTask.set(Task.builder().name("trigger")
                            .link(Link.UNLINKED).spawn(() -> {
                                // on the main-thread scheduler: 'late' cannot start before we block
                                late.set(Task.builder().name("late").link(Link.UNLINKED).spawn(() -> {
                                    lateRan.incrementAndGet();
                                }));
                                if (trigger == Trigger.FAIL_FROM_TASK) {
                                    Kernel.current().fail(boom); // returns at once
                                    failReturned.set(true);
                                } else {
                                    main.get().kill();
                                }
                                assertThat(Task.isKilled()).isTrue();
                                Task.checkKilled();
                            }));
                    case FAIL_FROM_PLAIN_THREAD, MAIN_KILLED_BY_PLAIN_THREAD -> helper.set(Thread.ofPlatform().name("helper").start(() -> {
                        if (trigger == Trigger.FAIL_FROM_PLAIN_THREAD) {
                            k.fail(boom);
                            failReturned.set(true);
                        } else {
                            main.get().kill();
                        }
                    }));
                    case MAIN_FAILS -> throw boom;
                    case LINKED_FAILURE_REACHES_MAIN -> linkedParent.set(Task.builder().name("linked-parent").scheduler(separate)
                            .spawn(() -> {
                                linkedChild.set(Task.builder().name("linked-child").scheduler(k.defaultScheduler())
                                        .spawn(() -> {
                                            throw boom;
                                        }));
                                Task.sleep(Duration.ofDays(1)); // woken by the child's failure
                            }));
                    default -> throw new AssertionError(trigger);
                }
                sink.handle.join(); // the main task waits too, in a weft join
            } catch (Exception e) {
                mainThrew.set(e);
                throw e;
            } finally {
                mainFinally.incrementAndGet();
            }
        });
        if (helper.get() != null) {
            helper.get().join();
        }

        assertThat(status).isEqualTo(101);
        assertThat(kernel.get().isFailed()).isTrue();
        assertThat(kernel.get().liveSchedulers()).isZero();
        assertThat(fleet.describe()).isEqualTo(fleet.allKilled());
        assertThat(mainRan.get()).isEqualTo(1);
        assertThat(mainFinally.get()).isEqualTo(1);
        assertThat(rec.reports).hasSize(1);
        Report report = rec.reports.get(0);
        assertThat(report.failsKernel()).isTrue();
        switch (trigger) {
            case FAIL_FROM_TASK, FAIL_FROM_PLAIN_THREAD -> {
                assertThat(failReturned).isTrue();
                assertThat(report.cause()).isSameAs(boom);
                assertThat(report.failedToo()).isEmpty();
                assertThat(outcome(main.get())).isEqualTo("Killed");
                assertThat(mainThrew.get()).isInstanceOf(TaskKilledException.class).hasNoCause();
            }
            case MAIN_FAILS -> {
                assertThat(report.cause()).isSameAs(boom);
                assertThat(report.task().id()).isEqualTo(main.get().id());
                assertThat(main.get().await()).isEqualTo(new TaskResult.Failed<>(boom));
                assertThat(mainThrew.get()).isSameAs(boom);
            }
            case MAIN_KILLED_BY_TASK, MAIN_KILLED_BY_PLAIN_THREAD -> {
                assertThat(report.cause()).isInstanceOf(TaskKilledException.class).hasMessageContaining("main task killed");
                assertThat(report.task().id()).isEqualTo(main.get().id());
                assertThat(report.task().name()).isEqualTo("main");
                assertThat(stackMentionsThisTest(report.cause())).as("the stack trace is the killer's").isTrue();
                assertThat(outcome(main.get())).isEqualTo("Killed");
                assertThat(mainThrew.get()).isInstanceOf(TaskKilledException.class).hasNoCause();
            }
            case LINKED_FAILURE_REACHES_MAIN -> {
                assertThat(report.cause()).isSameAs(boom);
                assertThat(report.task().id()).isEqualTo(linkedChild.get().id());
                assertThat(report.failedToo()).containsExactly(linkedParent.get().id(), main.get().id());
                assertThat(linkedChild.get().await()).isEqualTo(new TaskResult.Failed<>(boom));
                assertThat(linkedParent.get().await()).isEqualTo(new TaskResult.Failed<>(boom));
                assertThat(main.get().await()).isEqualTo(new TaskResult.Failed<>(boom));
                assertThat(mainThrew.get()).isInstanceOf(TaskKilledException.class).hasCause(boom);
            }
            default -> throw new AssertionError(trigger);
        }
        if (triggerTask.get() != null) {
            assertThat(outcome(triggerTask.get())).isEqualTo("Killed");
            assertThat(outcome(late.get())).isEqualTo("Killed");
            assertThat(lateRan.get()).as("a task killed before it started never runs").isZero();
        }
    }

    @ParameterizedTest(name = "from a task: {0}")
    @ValueSource(booleans = {true, false})
    void embeddedKernelFailKillsEveryTaskAndAwaitTerminationReturns101(boolean fromTask) throws Exception {
        Recorder rec = new Recorder();
        Fleet fleet = new Fleet();
        RuntimeException cause = new IllegalStateException("embedded failure");
        try (Kernel k = Kernel.start(config(rec))) {
            Scheduler separate = k.newScheduler(SchedulerSpec.threads(2).named("separate"));
            fleet.spawnOn(k.defaultScheduler(), "default");
            fleet.spawnOn(separate, "separate");
            fleet.awaitAllBlocked();
            TaskHandle<Boolean> failer = null;
            if (fromTask) {
                failer = separate.spawn(() -> {
                    Kernel.current().fail(cause);
                    boolean killed = Task.isKilled();
                    Task.checkKilled();
                    return killed;
                });
            } else {
                k.fail(cause);
                assertThat(k.isFailed()).isTrue();
            }
            assertThat(k.awaitTermination()).isEqualTo(101); // fail() shut the kernel down
            assertThat(k.isFailed()).isTrue();
            assertThat(k.liveSchedulers()).isZero();
            assertThat(fleet.describe()).isEqualTo(fleet.allKilled());
            if (failer != null) {
                assertThat(failer.await()).isEqualTo(new TaskResult.Killed<>());
            }
            assertThat(rec.reports).singleElement().satisfies(r -> {
                assertThat(r.cause()).isSameAs(cause);
                assertThat(r.failsKernel()).isTrue();
            });
            assertThatThrownBy(() -> k.defaultScheduler().spawn(() -> 1)).isInstanceOf(SchedulerClosedException.class);
        }
    }

    @Test
    void aKernelFailureWaitsForATaskInUnkillableAndKillsItAfterwards() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<TaskHandle<?>> worker = new AtomicReference<>();
        AtomicReference<Thread> helper = new AtomicReference<>();
        int status = Kernel.run(config(rec), () -> {
            Kernel k = Kernel.current();
            worker.set(k.defaultScheduler().spawn(() -> {
                try {
                    Task.unkillable(() -> {
                        inside.countDown();
                        finish.await(); // not interrupted by the kill: it is deferred
                        log.add("cleanup done, killed=" + Task.isKilled());
                    });
                    log.add("after unkillable");
                    Task.checkKilled();
                    log.add("not reached");
                } finally {
                    log.add("finally");
                }
            }));
            inside.await();
            helper.set(Thread.ofPlatform().name("helper").start(() -> {
                k.fail(new IllegalStateException("shut down"));
                // The kernel cannot end while the worker is inside unkillable.
                assertThat(worker.get().isAlive()).isTrue();
                log.add("failed, worker alive");
                finish.countDown();
            }));
            Task.sleep(Duration.ofDays(1)); // killed by the failure
        });
        helper.get().join();
        assertThat(status).isEqualTo(101);
        assertThat(log).containsExactly("failed, worker alive", "cleanup done, killed=true", "after unkillable", "finally");
        assertThat(worker.get().await()).isEqualTo(new TaskResult.Killed<>());
    }

    // ------------------------------------------------------------------ exit status and reports

    @Test
    void setExitStatusBeforeAFailureIsOverriddenAndAfterItIgnored() {
        Recorder rec = new Recorder();
        assertThat(Kernel.run(config(rec), () -> Kernel.current().setExitStatus(3))).isEqualTo(3);
        assertThat(Kernel.run(config(rec), () -> {
            Kernel.current().setExitStatus(3);
            Kernel.current().fail(new IllegalStateException("after the status"));
        })).isEqualTo(101);
        assertThat(Kernel.run(config(rec), () -> {
            Kernel.current().fail(new IllegalStateException("before the status"));
            Kernel.current().setExitStatus(3); // not a blocking call: runs, and is ignored
        })).isEqualTo(101);
        assertThat(Kernel.run(config(rec), () -> {
            Kernel.current().setExitStatus(4);
            throw new IllegalStateException("main fails");
        })).isEqualTo(101);
        assertThat(rec.reports).hasSize(3).allSatisfy(r -> assertThat(r.failsKernel()).isTrue());
    }

    @Test
    void theFirstCauseStandsAndALaterFailOrTheKilledMainsOwnExceptionIsNotReported() {
        Recorder rec = new Recorder();
        RuntimeException first = new IllegalStateException("first");
        RuntimeException second = new IllegalStateException("second");
        AtomicReference<TaskHandle<?>> main = new AtomicReference<>();
        int status = Kernel.run(config(rec), () -> {
            main.set(Task.current());
            Kernel.current().fail(first);
            Kernel.current().fail(second);
            assertThat(Kernel.current().isFailed()).isTrue();
            assertThat(Task.isKilled()).isTrue();
            throw new IllegalArgumentException("thrown by a killed task: its outcome stays Killed");
        });
        assertThat(status).isEqualTo(101);
        assertThat(rec.reports).singleElement().satisfies(r -> {
            assertThat(r.cause()).isSameAs(first);
            assertThat(r.failsKernel()).isTrue();
        });
        assertThat(main.get().await()).isEqualTo(new TaskResult.Killed<>());
    }

    @Test
    void concurrentFailsFromTasksAndPlainThreadsReportExactlyOneCause() throws Exception {
        for (int round = 0; round < 20; round++) {
            Recorder rec = new Recorder();
            List<Throwable> causes = new CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new CopyOnWriteArrayList<>();
            int status = Kernel.run(config(rec), () -> {
                Kernel k = Kernel.current();
                for (int i = 0; i < 3; i++) {
                    RuntimeException c = new IllegalStateException("thread " + i);
                    causes.add(c);
                    threads.add(Thread.ofPlatform().name("failer-" + i).start(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                        k.fail(c);
                    }));
                }
                for (int i = 0; i < 3; i++) {
                    RuntimeException c = new IllegalStateException("task " + i);
                    causes.add(c);
                    k.defaultScheduler().spawn(() -> {
                        go.await();
                        Kernel.current().fail(c);
                    });
                }
                go.countDown();
                Task.sleep(Duration.ofDays(1));
            });
            for (Thread t : threads) {
                t.join();
            }
            assertThat(status).isEqualTo(101);
            assertThat(rec.reports).singleElement().satisfies(r -> {
                assertThat(causes).anyMatch(c -> c == r.cause());
                assertThat(r.failsKernel()).isTrue();
            });
        }
    }

    @Test
    void aFailureReporterThatThrowsDoesNotBreakTheKernel() throws Exception {
        FailureReporter broken = (task, cause, failedToo, failsKernel) -> {
            throw new IllegalStateException("the reporter is broken");
        };
        RuntimeException boom = new IllegalStateException("boom in a child");
        Fleet fleet = new Fleet();
        AtomicInteger status = new AtomicInteger();
        String err = capturingStderr(() -> status.set(Kernel.run(config(broken), () -> {
            Kernel k = Kernel.current();
            fleet.spawnOn(k.mainScheduler(), "main");
            fleet.spawnOn(k.defaultScheduler(), "default");
            fleet.awaitAllBlocked();
            Task.spawn(() -> {
                throw boom; // LINKED: reaches the main task
            });
            Task.sleep(Duration.ofDays(1));
        })));
        assertThat(status.get()).isEqualTo(101);
        assertThat(fleet.describe()).isEqualTo(fleet.allKilled());
        assertThat(err).contains("the failure reporter threw").contains("the reporter is broken").contains("boom in a child");

        // Embedded: a root task's failure goes through the broken reporter; the kernel keeps working.
        RuntimeException rootBoom = new IllegalStateException("root boom");
        String err2 = capturingStderr(() -> {
            try (Kernel k = Kernel.start(config(broken))) {
                TaskHandle<Object> bad = k.defaultScheduler().spawn(() -> {
                    throw rootBoom;
                });
                assertThat(bad.await()).isEqualTo(new TaskResult.Failed<>(rootBoom));
                assertThat(k.defaultScheduler().spawn(() -> 42).join()).isEqualTo(42);
                assertThat(k.isFailed()).isFalse();
            }
        });
        assertThat(err2).contains("the failure reporter threw").contains("root boom");
    }

    @Test
    void theDefaultReporterPrintsOneReportNamingTheTasksItFailed() throws Exception {
        RuntimeException boom = new IllegalStateException("printed boom");
        AtomicReference<TaskHandle<?>> parent = new AtomicReference<>();
        AtomicInteger status = new AtomicInteger();
        String err = capturingStderr(() -> status.set(Kernel.run(KernelConfig.defaults().withDefaultThreads(2), () -> {
            parent.set(Task.builder().name("middle").spawn(() -> {
                Task.builder().name("thrower").spawn(() -> {
                    throw boom;
                }).join();
            }));
            Task.sleep(Duration.ofDays(1));
        })));
        assertThat(status.get()).isEqualTo(101);
        assertThat(err.lines().filter(l -> l.startsWith("weft: task 'thrower'"))).singleElement().satisfies(l -> assertThat(l)
                .contains("failed linked tasks [" + parent.get().id() + ", " + new TaskId(1) + "]")
                .contains("the kernel failed (exit status 101)"));
        assertThat(err.split("printed boom", -1)).as("the exception is printed once").hasSize(2);
    }

    // ------------------------------------------------------------------ links and the main task

    @Test
    void rootTasksNeverFailTheKernelInsideRunToo() throws Exception {
        Recorder rec = new Recorder();
        RuntimeException boom = new IllegalStateException("root's child");
        AtomicReference<TaskHandle<?>> root = new AtomicReference<>();
        AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
        int status = Kernel.run(config(rec), () -> {
            Kernel k = Kernel.current();
            Thread plain = Thread.ofPlatform().name("plain").start(() -> root.set(k.defaultScheduler().spawn(() -> {
                child.set(Task.spawn(() -> {
                    throw boom;
                }));
                Task.sleep(Duration.ofDays(1)); // woken by the child's failure
            })));
            plain.join();
            assertThat(root.get().await()).isEqualTo(new TaskResult.Failed<>(boom));
            assertThat(Task.isKilled()).isFalse();
        });
        assertThat(status).isZero();
        assertThat(rec.reports).singleElement().satisfies(r -> {
            assertThat(r.task().id()).isEqualTo(child.get().id());
            assertThat(r.failedToo()).containsExactly(root.get().id());
            assertThat(r.failsKernel()).isFalse();
        });
    }

    @Test
    void aLinkedFailureReachingTheMainTaskAfterItEndedStillFailsTheKernel() {
        // API.md: failure travels up LINKED edges "passing through tasks that have already ended";
        // one that reaches the main task fails the kernel. The main task's own outcome stays Completed.
        Recorder rec = new Recorder();
        RuntimeException boom = new IllegalStateException("late boom");
        AtomicReference<TaskHandle<?>> main = new AtomicReference<>();
        AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
        int status = Kernel.run(config(rec), () -> {
            TaskHandle<?> me = Task.current();
            main.set(me);
            child.set(Kernel.current().defaultScheduler().spawn(() -> {
                me.await(); // the main task has ended (normally) and been reaped
                throw boom;
            }));
        });
        assertThat(status).isEqualTo(101);
        assertThat(main.get().await()).isEqualTo(new TaskResult.Completed<>(null));
        assertThat(child.get().await()).isEqualTo(new TaskResult.Failed<>(boom));
        assertThat(rec.reports).singleElement().satisfies(r -> {
            assertThat(r.cause()).isSameAs(boom);
            assertThat(r.failedToo()).isEmpty();
            assertThat(r.failsKernel()).isTrue();
        });
    }

    @Test
    void killingTheMainTaskFromItselfFailsTheKernel() {
        Recorder rec = new Recorder();
        List<String> log = new CopyOnWriteArrayList<>();
        int status = Kernel.run(config(rec), () -> {
            try {
                Task.current().kill();
                log.add("kill returned");
                Task.yieldNow();
                log.add("not reached");
            } catch (TaskKilledException e) {
                log.add("yieldNow threw");
            }
        });
        assertThat(status).isEqualTo(101);
        assertThat(log).containsExactly("kill returned", "yieldNow threw");
        assertThat(rec.reports).singleElement().satisfies(r -> {
            assertThat(r.cause()).hasMessageContaining("main task killed");
            assertThat(r.task().id()).isEqualTo(new TaskId(1));
            assertThat(r.failsKernel()).isTrue();
        });
    }

    // ------------------------------------------------------------------ kill rules

    @Test
    void unkillableDefersAKillUntilItsBodyEnds() throws Exception {
        try (Kernel k = Kernel.start(config(new Recorder()))) {
            List<String> log = new CopyOnWriteArrayList<>();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            TaskHandle<String> h = k.defaultScheduler().spawn(() -> {
                String inUnkillable = Task.unkillable(() -> {
                    log.add("1 inside");
                    inside.countDown();
                    killed.await(); // JDK wait: the deferred kill does not interrupt it
                    log.add("3 isKilled=" + Task.isKilled());
                    Task.checkKilled();
                    Task.sleep(Duration.ofMillis(1));
                    Task.yieldNow();
                    TaskHandle<Integer> done = Task.builder().link(Link.UNLINKED).spawn(() -> 1);
                    log.add("4 weft calls work, join=" + done.join());
                    return "value";
                });
                log.add("5 unkillable returned " + inUnkillable);
                try {
                    Task.checkKilled();
                } catch (TaskKilledException e) {
                    log.add("6 the kill landed");
                    throw e;
                }
                return "not reached";
            });
            inside.await();
            h.kill();
            log.add("2 killed");
            assertThat(h.isAlive()).isTrue();
            killed.countDown();
            assertThat(h.await()).isEqualTo(new TaskResult.Killed<>());
            assertThat(log).containsExactly("1 inside", "2 killed", "3 isKilled=true", "4 weft calls work, join=1",
                    "5 unkillable returned value", "6 the kill landed");
        }
    }

    @Test
    void unkillableDefersALinkedFailureWhichThenLandsAsFailedOriginal() throws Exception {
        Recorder rec = new Recorder();
        RuntimeException boom = new IllegalStateException("child failed during cleanup");
        try (Kernel k = Kernel.start(config(rec))) {
            List<String> log = new CopyOnWriteArrayList<>();
            AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
            TaskHandle<Object> parent = k.defaultScheduler().spawn(() -> {
                Task.unkillable(() -> {
                    TaskHandle<Object> c = Task.spawn(() -> {
                        throw boom;
                    });
                    child.set(c);
                    log.add("child " + c.await()); // no throw inside unkillable
                    log.add("isKilled=" + Task.isKilled());
                    Task.sleep(Duration.ofMillis(1));
                });
                try {
                    Task.yieldNow();
                } catch (TaskKilledException e) {
                    log.add("landed, cause is the child's: " + (e.getCause() == boom));
                }
                return "caught and returned";
            });
            assertThat(parent.await()).isEqualTo(new TaskResult.Failed<>(boom)); // even though its body returned
            assertThat(log).containsExactly("child " + new TaskResult.Failed<>(boom), "isKilled=true",
                    "landed, cause is the child's: true");
            assertThat(rec.reports).singleElement().satisfies(r -> {
                assertThat(r.task().id()).isEqualTo(child.get().id());
                assertThat(r.failedToo()).containsExactly(parent.id());
                assertThat(r.failsKernel()).isFalse();
            });
        }
    }

    @Test
    void aKilledTasksJoinOfAFinishedTaskThrowsTaskKilledException() {
        // "every weft blocking call made by a killed task throws": also when it would not wait
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Kernel k = Kernel.start(config(new Recorder()))) {
            TaskHandle<Void> h = k.defaultScheduler().spawn(() -> {
                TaskHandle<Integer> done = Task.builder().link(Link.UNLINKED).spawn(() -> 7);
                done.join();
                Task.current().kill();
                for (Runnable call : List.<Runnable>of(done::join, done::await, () -> done.await(Duration.ofSeconds(1)),
                        () -> Task.sleep(Duration.ZERO), Task::yieldNow, Task::checkKilled)) {
                    try {
                        call.run();
                        seen.add("returned");
                    } catch (TaskKilledException e) {
                        seen.add("TaskKilledException");
                    }
                }
                seen.add("unkillable join=" + Task.unkillable(() -> done.join()));
            });
            assertThat(h.await()).isEqualTo(new TaskResult.Killed<>());
        }
        assertThat(seen).containsExactly("TaskKilledException", "TaskKilledException", "TaskKilledException",
                "TaskKilledException", "TaskKilledException", "TaskKilledException", "unkillable join=7");
    }

    @Test
    void aKernelFailureMarksEveryTaskBeforeWakingAny() throws Exception {
        // Pairs of tasks where one joins the other, on different schedulers: the joined task is
        // killed by the same failure; the joiner must never see it end before its own kill
        // (its join then always throws TaskKilledException, never TaskFailedException).
        for (int round = 0; round < 20; round++) {
            List<AtomicReference<Throwable>> joins = new ArrayList<>();
            CountDownLatch never = new CountDownLatch(1);
            int status = Kernel.run(config(new Recorder()), () -> {
                Kernel k = Kernel.current();
                Scheduler other = k.newScheduler(SchedulerSpec.threads(2).named("other"));
                List<TaskHandle<?>> all = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    TaskHandle<?> joined = k.defaultScheduler().spawn(() -> {
                        never.await();
                    });
                    AtomicReference<Throwable> thrown = new AtomicReference<>();
                    joins.add(thrown);
                    all.add(joined);
                    all.add(Task.builder().scheduler(i % 2 == 0 ? other : k.mainScheduler()).link(Link.UNLINKED).spawn(() -> {
                        try {
                            joined.join();
                        } catch (RuntimeException e) {
                            thrown.set(e);
                        }
                    }));
                }
                for (TaskHandle<?> h : all) {
                    while (h.state() != TaskState.BLOCKED) {
                        Task.yieldNow();
                    }
                }
                k.fail(new IllegalStateException("fail them all"));
            });
            assertThat(status).isEqualTo(101);
            assertThat(joins).allSatisfy(t -> assertThat(t.get()).isInstanceOf(TaskKilledException.class));
        }
    }

    /** How a task waits when it is plainly interrupted. */
    enum PlainWait { JOIN, SLEEP }

    @ParameterizedTest
    @EnumSource(PlainWait.class)
    void aPlainInterruptIsNotAKill(PlainWait wait) throws Exception {
        for (String where : List.of("main", "default", "separate")) {
            Recorder rec = new Recorder();
            List<String> log = new CopyOnWriteArrayList<>();
            AtomicReference<TaskHandle<?>> blocker = new AtomicReference<>();
            AtomicReference<TaskHandle<?>> waiter = new AtomicReference<>();
            int status = Kernel.run(config(rec), () -> {
                Kernel k = Kernel.current();
                Scheduler s = switch (where) {
                    case "main" -> k.mainScheduler();
                    case "default" -> k.defaultScheduler();
                    default -> k.newScheduler(SchedulerSpec.threads(1).named("separate"));
                };
                CountDownLatch release = new CountDownLatch(1);
                blocker.set(k.defaultScheduler().spawn(() -> {
                    release.await();
                    return "released";
                }));
                AtomicReference<Thread> thread = new AtomicReference<>();
                waiter.set(Task.builder().scheduler(s).spawn(() -> {
                    thread.set(Thread.currentThread());
                    try {
                        if (wait == PlainWait.JOIN) {
                            blocker.get().join();
                        } else {
                            Task.sleep(Duration.ofDays(1));
                        }
                        log.add("not reached");
                    } catch (TaskInterruptedException e) {
                        log.add("TaskInterruptedException, flag kept=" + Thread.currentThread().isInterrupted()
                                + ", killed=" + Task.isKilled());
                    }
                    Thread.interrupted(); // the task decides: it clears the flag and waits again
                    log.add("joined " + blocker.get().join());
                }));
                while (waiter.get().state() != TaskState.BLOCKED) {
                    Task.yieldNow();
                }
                thread.get().interrupt(); // a plain interrupt, not a kill
                while (log.isEmpty()) {
                    Task.yieldNow();
                }
                release.countDown();
                waiter.get().join();
            });
            assertThat(status).as(where).isZero();
            assertThat(log).as(where).containsExactly("TaskInterruptedException, flag kept=true, killed=false", "joined released");
            assertThat(waiter.get().await()).isInstanceOf(TaskResult.Completed.class);
            assertThat(blocker.get().await()).isInstanceOf(TaskResult.Completed.class);
            assertThat(rec.reports).isEmpty();
        }
    }
}
