package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.internal.kernel.KernelImpl;
import dev.weft.testing.WeftThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The kernel's life cycle: I1 (every thread joined), I2 (the reaper joins), I3 (main thread), I8 (one signal). */
class KernelLifecycleTest {

    /** A carrier factory that remembers every thread it made. */
    static final class RecordingFactory implements ThreadFactory {
        final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = Thread.ofPlatform().unstarted(r);
            made.add(t);
            return t;
        }
    }

    @Test
    void i1_everyThreadWeftStartedIsJoinedBeforeRunReturns() {
        RecordingFactory factory = new RecordingFactory();
        AtomicReference<Thread> reaper = new AtomicReference<>();
        int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(2).withCarrierThreadFactory(factory), () -> {
            reaper.set(((KernelImpl) Kernel.current()).reaperThread());
            Scheduler a = Kernel.current().newScheduler(SchedulerSpec.threads(3).named("a"));
            List<TaskHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                hs.add(a.spawn(() -> n));
                hs.add(Kernel.current().defaultScheduler().spawn(() -> n));
            }
            for (TaskHandle<Integer> h : hs) {
                h.join();
            }
            // a is never closed: the kernel closes it when the last task ends
        });
        assertThat(status).isZero();
        assertThat(factory.made).hasSize(5);
        assertThat(factory.made).allSatisfy(t -> assertThat(t.getState()).isEqualTo(Thread.State.TERMINATED));
        assertThat(reaper.get().getState()).isEqualTo(Thread.State.TERMINATED);
        assertThat(WeftThreads.alive()).isEmpty();
    }

    @Test
    void i1_embeddedCloseJoinsEveryThread() {
        RecordingFactory factory = new RecordingFactory();
        Thread reaper;
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2).withCarrierThreadFactory(factory))) {
            reaper = ((KernelImpl) k).reaperThread();
            assertThat(k.defaultScheduler().spawn(() -> 6 * 7).join()).isEqualTo(42);
        }
        assertThat(factory.made).hasSize(2).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
        assertThat(reaper.isAlive()).isFalse();
    }

    @Test
    void i2_theReaperJoinsCarriersWhileTheMainThreadKeepsRunningTasks() {
        Thread caller = Thread.currentThread();
        RecordingFactory factory = new RecordingFactory();
        Kernel.run(KernelConfig.defaults().withCarrierThreadFactory(factory), () -> {
            Scheduler s = Kernel.current().newScheduler(SchedulerSpec.threads(2).named("short-lived"));
            s.spawn(() -> 1).join();
            s.close();
            // The main task keeps running on the main thread while the scheduler exits and
            // its carriers are joined by someone else: the main thread is not blocked in a join.
            s.awaitTermination();
            assertThat(WeftThreads.carrierOf(Thread.currentThread())).isSameAs(caller);
            List<Thread> carriers = factory.made.stream().filter(t -> t.getName().startsWith("weft-short-lived-")).toList();
            assertThat(carriers).hasSize(2).allSatisfy(t -> assertThat(t.getState()).isEqualTo(Thread.State.TERMINATED));
            assertThat(s.isTerminated()).isTrue();
            assertThat(Kernel.current().schedulers()).doesNotContain(s);
        });
    }

    @Test
    void i3_mainSchedulerTasksRunOnTheThreadThatCalledRun() {
        Thread caller = Thread.currentThread();
        List<Thread> carriers = new CopyOnWriteArrayList<>();
        Kernel.run(() -> {
            carriers.add(WeftThreads.carrierOf(Thread.currentThread()));
            Scheduler main = Kernel.current().mainScheduler();
            assertThat(Scheduler.current()).isSameAs(main);
            assertThat(main.threads()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                Task.spawn(() -> carriers.add(WeftThreads.carrierOf(Thread.currentThread()))).join();
            }
            Kernel.current().defaultScheduler().spawn(() -> {
                // a task elsewhere, then back on main
                main.spawn(() -> carriers.add(WeftThreads.carrierOf(Thread.currentThread()))).join();
            }).join();
        });
        assertThat(carriers).hasSize(7).allSatisfy(c -> assertThat(c).isSameAs(caller));
    }

    @Test
    void i3_mainSchedulerTaskThreadIsTheTasksVirtualThread() {
        Kernel.run(() -> {
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            assertThat(Thread.currentThread().getName()).isEqualTo("main");
            assertThat(Task.current().id()).isEqualTo(new TaskId(1));
        });
    }

    @Test
    void i8_liveSchedulerCountReachesZeroAndSignalsTheWaiter() throws Exception {
        Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1));
        Scheduler a = k.newScheduler(SchedulerSpec.threads(1).named("a"));
        Scheduler b = k.newScheduler(SchedulerSpec.threads(1).named("b"));
        assertThat(k.liveSchedulers()).isEqualTo(3);
        assertThat(k.schedulers()).extracting(Scheduler::name).containsExactly("default", "a", "b");
        CountDownLatch release = new CountDownLatch(1);
        TaskHandle<Void> blocker = b.spawn(() -> { release.await(); });
        a.close();
        a.awaitTermination();
        assertThat(k.liveSchedulers()).isEqualTo(2);
        k.shutdown();
        assertThat(k.awaitTermination(Duration.ofMillis(20))).isFalse(); // b still has a task
        assertThat(b.isClosed()).isTrue();
        assertThat(b.isTerminated()).isFalse();
        release.countDown();
        assertThat(k.awaitTermination()).isZero();
        assertThat(k.liveSchedulers()).isZero();
        assertThat(blocker.await()).isInstanceOf(TaskResult.Completed.class);
        assertThat(k.awaitTermination(Duration.ZERO)).isTrue();
    }

    @Test
    void runReturnsTheExitStatusThatWasSet() {
        assertThat(Kernel.run(() -> Kernel.current().setExitStatus(3))).isEqualTo(3);
        assertThat(Kernel.run(() -> 42)).isZero();
    }

    @Test
    void programThatNeverClosesItsSchedulersStillEnds() {
        int status = Kernel.run(KernelConfig.defaults().withDefaultThreads(1), () -> {
            Scheduler s = Kernel.current().newScheduler(SchedulerSpec.threads(2));
            s.spawn(() -> Task.spawn(() -> Task.sleep(Duration.ofMillis(5))));
            Task.spawn(() -> Kernel.current().defaultScheduler().spawn(() -> { }));
        });
        assertThat(status).isZero();
    }

    @Test
    void theKernelWaitsForTasksThatOutliveTheMainTask() {
        List<String> log = new CopyOnWriteArrayList<>();
        Kernel.run(() -> {
            TaskHandle<?> main = Task.current();
            Kernel.current().defaultScheduler().spawn(() -> {
                assertThat(main.await()).isInstanceOf(TaskResult.Completed.class);
                Task.sleep(Duration.ofMillis(2));
                log.add("child ran after main ended");
            });
            log.add("main ends");
        });
        assertThat(log).containsExactly("main ends", "child ran after main ended");
    }

    @Test
    void embeddedKernelHasNoMainScheduler() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            assertThatThrownBy(k::mainScheduler).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("embedded");
        }
    }

    @Test
    void runFromInsideATaskIsRefused() {
        Kernel.run(() -> {
            assertThatThrownBy(() -> Kernel.run(() -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("platform thread outside any task");
        });
    }

    @Test
    void runFromAVirtualThreadIsRefused() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                Kernel.run(() -> { });
            } catch (Throwable t) {
                seen.set(t);
            }
        }).join();
        assertThat(seen.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitingForYourOwnKernelIsRefused() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            TaskHandle<List<Class<?>>> h = k.defaultScheduler().spawn(() -> {
                List<Class<?>> errors = new ArrayList<>();
                for (Runnable r : List.<Runnable>of(k::close, k::awaitTermination,
                        () -> k.awaitTermination(Duration.ofSeconds(1)),
                        () -> Scheduler.current().awaitTermination(),
                        () -> Scheduler.current().awaitTermination(Duration.ofSeconds(1)),
                        () -> Task.current().join())) {
                    try {
                        r.run();
                    } catch (IllegalStateException e) {
                        errors.add(e.getClass());
                    }
                }
                return errors;
            });
            assertThat(h.join()).hasSize(6);
        }
    }

    @Test
    void deterministicConfigIsRefusedByStart() {
        assertThatThrownBy(() -> Kernel.start(KernelConfig.deterministic(42)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Kernel.run");
    }

    @Test
    void kernelCurrentIsTheTasksKernel() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            assertThat(k.defaultScheduler().spawn(() -> Kernel.current()).join()).isSameAs(k);
        }
    }

    @Test
    void newSchedulerAfterShutdownIsRefused() {
        Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1));
        k.close();
        assertThatThrownBy(() -> k.newScheduler(SchedulerSpec.threads(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
        assertThatThrownBy(() -> k.defaultScheduler().spawn(() -> 1))
                .isInstanceOf(SchedulerClosedException.class).hasMessageContaining("default");
    }

    @Test
    void toStringsAreReadable() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            TaskHandle<Integer> h = k.defaultScheduler().spawn(() -> 1);
            h.join();
            assertThat(k.toString()).contains("embedded");
            assertThat(k.defaultScheduler().toString()).contains("default");
            assertThat(h.toString()).contains("task-").contains("DEAD");
            assertThat(h.id().toString()).startsWith("task#");
        }
    }
}
