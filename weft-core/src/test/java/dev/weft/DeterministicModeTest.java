package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.WeftThreads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Deterministic mode: same seed, same run; virtual time; deadlock detection; honest warnings. */
class DeterministicModeTest {

    /** A program with tasks on several schedulers, channels, select, sleeps, yields and kills. */
    static List<String> traceOf(long seed) {
        List<String> trace = new CopyOnWriteArrayList<>();
        int status = Kernel.run(KernelConfig.deterministic(seed).withFailureReporter(FailureReporter.silent()), () -> {
            Kernel k = Kernel.current();
            Scheduler a = k.newScheduler(SchedulerSpec.threads(3).named("a"));
            Scheduler b = k.newScheduler(SchedulerSpec.threads(2).named("b"));
            Channel<Integer> ch = Channel.bounded(2);
            Channel<Integer> rv = Channel.rendezvous();
            List<TaskHandle<?>> hs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                hs.add((n % 2 == 0 ? a : b).spawn(() -> {
                    for (int j = 0; j < 3; j++) {
                        trace.add(Task.current().id().value() + ":send" + j);
                        (j % 2 == 0 ? ch : rv).send(n * 10 + j);
                        Task.yieldNow();
                    }
                }));
            }
            hs.add(a.spawn(() -> {
                for (int j = 0; j < 12; j++) {
                    String got = Select.<String>create()
                            .onReceive(ch, m -> "ch" + m)
                            .onReceive(rv, m -> "rv" + m)
                            .select();
                    trace.add(Task.current().id().value() + ":got " + got);
                }
            }));
            TaskHandle<Void> sleeper = b.spawn(() -> {
                Task.sleep(Duration.ofMinutes(5));
                trace.add(Task.current().id().value() + ":woke");
            });
            TaskHandle<Void> victim = Task.builder().link(Link.SUPERVISED).spawn(() -> {
                try {
                    Task.sleep(Duration.ofHours(1));
                } finally {
                    trace.add(Task.current().id().value() + ":finally");
                }
            });
            Task.sleep(Duration.ofMinutes(1));
            victim.kill();
            for (TaskHandle<?> h : hs) {
                h.join();
            }
            sleeper.join();
            trace.add("victim " + victim.await().getClass().getSimpleName());
        });
        trace.add("status " + status);
        return trace;
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<List<String>> distinct = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            List<String> first = traceOf(seed);
            List<String> second = traceOf(seed);
            assertThat(second).as("seed " + seed).isEqualTo(first);
            assertThat(first).contains("status 0", "victim Killed");
            if (!distinct.contains(first)) {
                distinct.add(first);
            }
        }
        assertThat(distinct).as("different seeds explore different interleavings").hasSizeGreaterThan(1);
    }

    @Test
    void everyTaskRunsOnTheCallingThreadAndNoCarrierIsStarted() {
        Thread caller = Thread.currentThread();
        List<Thread> carriers = new CopyOnWriteArrayList<>();
        List<String> weftThreads = new CopyOnWriteArrayList<>();
        Kernel.run(KernelConfig.deterministic(7).withDefaultThreads(4), () -> {
            Scheduler w = Kernel.current().newScheduler(SchedulerSpec.threads(3).named("w"));
            assertThat(w.threads()).isEqualTo(3);
            assertThat(Kernel.current().defaultScheduler().threads()).isEqualTo(4);
            List<TaskHandle<Boolean>> hs = new ArrayList<>();
            for (Scheduler s : List.of(w, Kernel.current().defaultScheduler(), Kernel.current().mainScheduler())) {
                hs.add(s.spawn(() -> carriers.add(WeftThreads.carrierOf(Thread.currentThread()))));
            }
            for (TaskHandle<Boolean> h : hs) {
                h.join();
            }
            weftThreads.addAll(WeftThreads.alive());
        });
        assertThat(carriers).hasSize(3).allSatisfy(c -> assertThat(c).isSameAs(caller));
        assertThat(weftThreads).containsExactly("weft-reaper");
    }

    @Test
    void timeIsVirtualAndTimersFireInDeadlineOrder() {
        List<String> order = new CopyOnWriteArrayList<>();
        int status = Kernel.run(KernelConfig.deterministic(3), () -> {
            for (int minutes : new int[] {30, 10, 20}) {
                Task.spawn(() -> {
                    Task.sleep(Duration.ofMinutes(minutes)); // a real sleep would outlast the test's timeout
                    order.add(minutes + "m");
                });
            }
            Channel<String> never = Channel.unbounded();
            Optional<String> none = never.receive(Duration.ofHours(2));
            order.add("receive timed out: " + none.isEmpty());
            TaskHandle<Void> slow = Task.spawn(() -> Task.sleep(Duration.ofDays(1)));
            order.add("await timed out: " + slow.await(Duration.ofHours(3)).isEmpty());
            slow.kill();
        });
        assertThat(status).isZero();
        assertThat(order).containsExactly("10m", "20m", "30m", "receive timed out: true", "await timed out: true");
    }

    @Test
    void aDeadlockFailsTheKernelWithAReportOfEveryBlockedTask() {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        int status = Kernel.run(KernelConfig.deterministic(11).withFailureReporter((task, cause, failedToo, failsKernel) -> {
            if (failsKernel) {
                reported.set(cause);
            }
        }), () -> {
            Channel<String> left = Channel.rendezvous();
            Channel<String> right = Channel.rendezvous();
            Task.builder().name("lefty").spawn(() -> right.send(left.receive()));
            Task.builder().name("righty").spawn(() -> left.send(right.receive()));
        });
        assertThat(status).isEqualTo(101);
        assertThat(reported.get()).isInstanceOf(IllegalStateException.class);
        assertThat(reported.get().getMessage()).contains("deadlock", "seed 11", "'lefty'", "'righty'", "'main'", "waits on");
    }

    @Test
    void aTaskBlockingOutsideWeftIsWarnedAboutAndWaitedForInRealTime() {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Kernel.run(KernelConfig.deterministic(5), () -> {
                Task.builder().name("jdk-sleeper").spawn(() -> Thread.sleep(20)).join();
            });
        } finally {
            System.setErr(realErr);
        }
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'jdk-sleeper'", "blocks outside weft", "replay is no longer guaranteed");
    }

    @Test
    void selectChoicesFollowTheSeed() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            List<String> picks = new ArrayList<>();
            Kernel.run(KernelConfig.deterministic(99), () -> {
                Channel<Integer> x = Channel.unbounded();
                Channel<Integer> y = Channel.unbounded();
                for (int i = 0; i < 50; i++) {
                    x.send(i);
                    y.send(i);
                }
                for (int i = 0; i < 50; i++) {
                    picks.add(Select.<String>create().onReceive(x, m -> "x").onReceive(y, m -> "y").select());
                }
            });
            runs.add(picks);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(0)).contains("x", "y");
    }
}
