package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.internal.sched.SchedulerImpl;
import dev.weft.testing.WeftThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Schedulers: I4 (own life cycle), I5 (never exit under a task), I7 (exit when closed and empty), I9 (idle parks). */
class SchedulerLifecycleTest {

    @Test
    void i4_schedulersAreAddedAndRemovedWhileTheKernelRuns() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            for (int round = 0; round < 5; round++) {
                Scheduler s = k.newScheduler(SchedulerSpec.threads(2).named("round"));
                assertThat(s.name()).isEqualTo("round");
                assertThat(s.threads()).isEqualTo(2);
                assertThat(s.spawn(() -> Scheduler.current().name()).join()).isEqualTo("round");
                s.close();
                s.awaitTermination();
                assertThat(s.isTerminated()).isTrue();
                assertThat(k.schedulers()).doesNotContain(s); // the name is free again
            }
            assertThat(k.liveSchedulers()).isEqualTo(1);
        }
    }

    @Test
    void i7_aClosedSchedulerExitsExactlyWhenItsLastTaskIsReaped() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("s"));
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Void> h = s.spawn(() -> { release.await(); });
            s.close();
            assertThat(s.isClosed()).isTrue();
            assertThat(s.liveTasks()).isEqualTo(1);
            assertThat(s.awaitTermination(Duration.ofMillis(20))).isFalse();
            assertThat(s.isTerminated()).isFalse();
            release.countDown();
            h.join();
            s.awaitTermination();
            assertThat(s.isTerminated()).isTrue();
            assertThat(s.liveTasks()).isZero();
        }
    }

    @Test
    void i7_anOpenSchedulerWithNoTasksDoesNotExit() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1));
            s.spawn(() -> 1).join();
            assertThat(s.liveTasks()).isZero();
            assertThat(s.awaitTermination(Duration.ofMillis(10))).isFalse();
            assertThat(s.spawn(() -> 2).join()).isEqualTo(2);
        }
    }

    @Test
    void i7_closingAnUnusedSchedulerTerminatesItWithoutStartingThreads() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(4).named("never-used"));
            assertThat(WeftThreads.named("weft-never-used-")).isEmpty(); // carriers start lazily
            s.close();
            s.close(); // idempotent
            s.awaitTermination();
            assertThat(s.isTerminated()).isTrue();
        }
    }

    @Test
    void i4_spawnOnAClosedOrExitedSchedulerIsRefused() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("gone"));
            s.close();
            assertThatThrownBy(() -> s.spawn(() -> 1)).isInstanceOf(SchedulerClosedException.class)
                    .hasMessageContaining("'gone'");
            s.awaitTermination();
            assertThatThrownBy(() -> s.spawn(() -> { })).isInstanceOf(SchedulerClosedException.class)
                    .hasMessageContaining("'gone'");
            assertThatThrownBy(() -> Task.builder().scheduler(s).spawn(() -> 1))
                    .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        }
    }

    @Test
    void i4_aSchedulerMadeForOneSpawnExitsWithItsTasks() {
        Kernel.run(() -> {
            CountDownLatch childMayEnd = new CountDownLatch(1);
            TaskHandle<Scheduler> h = Task.builder().newScheduler(SchedulerSpec.threads(2).named("own")).spawn(() -> {
                Scheduler mine = Scheduler.current();
                Task.spawn(() -> { childMayEnd.await(); }); // a child on the same scheduler keeps it alive
                return mine;
            });
            Scheduler own = h.join();
            assertThat(own.name()).isEqualTo("own");
            assertThat(own.isTerminated()).isFalse();
            assertThat(own.liveTasks()).isEqualTo(1);
            childMayEnd.countDown();
            own.awaitTermination();
            assertThat(own.isTerminated()).isTrue();
            assertThatThrownBy(() -> own.spawn(() -> 1)).isInstanceOf(SchedulerClosedException.class);
        });
    }

    @Test
    void duplicateSchedulerNamesAreRefused() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            k.newScheduler(SchedulerSpec.threads(1).named("twin"));
            assertThatThrownBy(() -> k.newScheduler(SchedulerSpec.threads(1).named("twin")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'twin'");
            assertThatThrownBy(() -> k.newScheduler(SchedulerSpec.threads(1).named("default")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'default'");
            assertThat(k.liveSchedulers()).isEqualTo(2);
        }
    }

    @Test
    void liveTasksCountsUnreapedTasks() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(2));
            CountDownLatch release = new CountDownLatch(1);
            List<TaskHandle<Void>> hs = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                hs.add(s.spawn(() -> { release.await(); }));
            }
            assertThat(s.liveTasks()).isEqualTo(10);
            release.countDown();
            for (TaskHandle<Void> h : hs) {
                h.join();
                assertThat(k.lookup(h.id())).isEmpty();
            }
            assertThat(s.liveTasks()).isZero();
        }
    }

    @Test
    void i9_idleCarriersParkAndUseNoCpu() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(3).named("idle"));
            for (int i = 0; i < 100; i++) {
                s.spawn(() -> Task.yieldNow());
            }
            CountDownLatch never = new CountDownLatch(1);
            s.spawn(() -> { never.await(); }); // a blocked task: the scheduler stays open and idle
            List<Thread> carriers = WeftThreads.named("weft-idle-");
            assertThat(carriers).hasSize(3);
            WeftThreads.awaitAllWaiting(carriers);
            assertThat(((SchedulerImpl) s).idleCarriers()).isEqualTo(3);
            long used = WeftThreads.cpuUsedDuring(carriers, Duration.ofMillis(200));
            assertThat(used).as("CPU ns used by 3 idle carriers in 200 ms").isLessThan(20_000_000L);
            never.countDown();
        }
    }

    @Test
    void i9_anIdleCarrierThatIsInterruptedDoesNotSpinAndStillRunsTasks() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("poked"));
            s.spawn(() -> 1).join();
            List<Thread> carriers = WeftThreads.named("weft-poked-");
            WeftThreads.awaitAllWaiting(carriers);
            carriers.get(0).interrupt();
            WeftThreads.awaitAllWaiting(carriers);
            assertThat(WeftThreads.cpuUsedDuring(carriers, Duration.ofMillis(100))).isLessThan(20_000_000L);
            assertThat(s.spawn(() -> 2).join()).isEqualTo(2);
        }
    }

    @Test
    void i9_oneSubmissionWakesAParkedCarrier() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(2).named("wake"));
            AtomicInteger ran = new AtomicInteger();
            for (int round = 0; round < 200; round++) {
                s.spawn(ran::incrementAndGet).join(); // each spawn from a plain thread wakes a parked carrier
            }
            assertThat(ran.get()).isEqualTo(200);
        }
    }

    @Test
    void aPingPongPairInTheLifoSlotDoesNotStarveTheQueue() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler one = k.newScheduler(SchedulerSpec.threads(1).named("one"));
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReferenceArray<Thread> pair = new java.util.concurrent.atomic.AtomicReferenceArray<>(2);
            java.util.concurrent.atomic.AtomicLong hops = new java.util.concurrent.atomic.AtomicLong();
            CountDownLatch bothStarted = new CountDownLatch(2);
            List<TaskHandle<Void>> players = new java.util.ArrayList<>();
            for (int me = 0; me < 2; me++) {
                int self = me;
                players.add(one.spawn(() -> {
                    pair.set(self, Thread.currentThread());
                    bothStarted.countDown();
                    bothStarted.await();
                    // Each wakes the other, then parks: on one carrier the woken one always sits
                    // in the LIFO slot. Without the streak limit, the third task would never run.
                    while (!stop.get()) {
                        hops.incrementAndGet();
                        java.util.concurrent.locks.LockSupport.unpark(pair.get(1 - self));
                        java.util.concurrent.locks.LockSupport.park();
                    }
                    java.util.concurrent.locks.LockSupport.unpark(pair.get(1 - self));
                }));
            }
            bothStarted.await();
            TaskHandle<Long> third = one.spawn(() -> {
                stop.set(true);
                return hops.get();
            });
            assertThat(third.join()).isPositive();
            for (TaskHandle<Void> p : players) {
                p.join();
            }
        }
    }
}
