package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** I12: spawning touches the target scheduler, not the spawner's; concurrent spawns lose nothing. */
class ConcurrentSpawnTest {

    @Test
    void i12_concurrentSpawnsOntoOneSchedulerFromSchedulersAndPlainThreadsLoseNothing() throws Exception {
        int perSpawner = 2_000;
        int taskSpawners = 6;
        int threadSpawners = 3;
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Scheduler target = k.newScheduler(SchedulerSpec.threads(2).named("target"));
            List<Scheduler> sources = List.of(k.defaultScheduler(),
                    k.newScheduler(SchedulerSpec.threads(1).named("src-1")),
                    k.newScheduler(SchedulerSpec.threads(2).named("src-2")));
            AtomicLong ran = new AtomicLong();
            ConcurrentHashMap<TaskId, Boolean> ids = new ConcurrentHashMap<>();
            CyclicBarrier start = new CyclicBarrier(taskSpawners + threadSpawners);
            TaskBody<Long> spawner = () -> {
                start.await();
                List<TaskHandle<Long>> mine = new ArrayList<>(perSpawner);
                for (int i = 0; i < perSpawner; i++) {
                    TaskHandle<Long> h = target.spawn(ran::incrementAndGet);
                    assertThat(ids.putIfAbsent(h.id(), true)).isNull();
                    mine.add(h);
                }
                long sum = 0;
                for (TaskHandle<Long> h : mine) {
                    sum += h.join() > 0 ? 1 : 0;
                }
                return sum;
            };
            List<TaskHandle<Long>> fromTasks = new ArrayList<>();
            for (int i = 0; i < taskSpawners; i++) {
                fromTasks.add(sources.get(i % sources.size()).spawn(spawner));
            }
            List<Thread> plain = new ArrayList<>();
            AtomicLong fromThreads = new AtomicLong();
            CountDownLatch threadsDone = new CountDownLatch(threadSpawners);
            for (int i = 0; i < threadSpawners; i++) {
                plain.add(Thread.ofPlatform().start(() -> {
                    try {
                        fromThreads.addAndGet(spawner.run());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    } finally {
                        threadsDone.countDown();
                    }
                }));
            }
            long total = 0;
            for (TaskHandle<Long> h : fromTasks) {
                total += h.join();
            }
            threadsDone.await();
            for (Thread t : plain) {
                t.join();
            }
            total += fromThreads.get();
            long expected = (long) perSpawner * (taskSpawners + threadSpawners);
            assertThat(total).isEqualTo(expected);
            assertThat(ran.get()).isEqualTo(expected);
            assertThat(ids).hasSize((int) expected);
            assertThat(target.liveTasks()).isZero();
            assertThat(k.tasks()).isEmpty();
        }
    }

    @Test
    void i12_spawnsRacingACloseAreEitherRefusedOrRun() throws Exception {
        for (int round = 0; round < 50; round++) {
            try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
                Scheduler target = k.newScheduler(SchedulerSpec.threads(1));
                AtomicLong ran = new AtomicLong();
                AtomicLong accepted = new AtomicLong();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> spawners = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    spawners.add(Thread.ofPlatform().start(() -> {
                        try {
                            go.await();
                            for (int j = 0; j < 200; j++) {
                                target.spawn(ran::incrementAndGet);
                                accepted.incrementAndGet();
                            }
                        } catch (SchedulerClosedException refused) {
                            // the close won: fine
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }));
                }
                go.countDown();
                target.close();
                for (Thread t : spawners) {
                    t.join();
                }
                target.awaitTermination();
                assertThat(ran.get()).isEqualTo(accepted.get()); // every accepted spawn ran before the exit
            }
        }
    }
}
