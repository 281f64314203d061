package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tasks: I6 (reaped once, on its carrier, then unregistered), I11 (ids and handles), states, results. */
class TaskLifecycleTest {

    @Test
    void i11_idsAreNumberedPerKernelFromOneAndNeverReused() {
        for (int kernel = 0; kernel < 2; kernel++) {
            Kernel.run(() -> {
                assertThat(Task.current().id()).isEqualTo(new TaskId(1));
                Set<TaskId> seen = new HashSet<>();
                seen.add(Task.current().id());
                for (int i = 0; i < 100; i++) {
                    TaskHandle<Integer> h = Task.spawn(() -> 1);
                    assertThat(seen.add(h.id())).isTrue();
                    h.join();
                }
                assertThat(seen).extracting(TaskId::value).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 101).boxed().toList());
            });
        }
    }

    @Test
    void i11_lookupFindsLiveTasksAndIsEmptyOnceReaped() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Void> h = k.defaultScheduler().spawn(() -> { release.await(); });
            assertThat(k.lookup(h.id())).containsSame(h);            // one handle object per task
            assertThat(k.tasks()).extracting(TaskInfo::id).containsExactly(h.id());
            release.countDown();
            h.join();
            assertThat(k.lookup(h.id())).isEmpty();
            assertThat(k.lookup(new TaskId(9_999))).isEmpty();       // unknown ids: empty, never an error
            assertThat(k.tasks()).isEmpty();
            assertThat(h.isAlive()).isFalse();
            assertThat(h.state()).isEqualTo(TaskState.DEAD);
        }
    }

    @Test
    void i6_joinReturnsOnlyAfterTheReap() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(2));
            for (int i = 0; i < 2_000; i++) {
                TaskHandle<Thread> h = s.spawn(Thread::currentThread);
                Thread vt = h.join();
                assertThat(vt.getState()).isEqualTo(Thread.State.TERMINATED); // reaped after termination
                assertThat(k.lookup(h.id())).isEmpty();
                assertThat(s.liveTasks()).isZero();
            }
        }
    }

    @Test
    void namesDefaultToTaskIdAndNameTheVirtualThread() {
        Kernel.run(() -> {
            TaskHandle<String> anon = Task.spawn(() -> Thread.currentThread().getName());
            assertThat(anon.join()).isEqualTo("task-" + anon.id().value()).isEqualTo(anon.name());
            TaskHandle<String> named = Task.builder().name("worker-7").spawn(() -> Thread.currentThread().getName());
            assertThat(named.join()).isEqualTo("worker-7");
            assertThat(named.name()).isEqualTo("worker-7");
        });
    }

    @Test
    void infoListsNameStateSchedulerAndParent() throws Exception {
        Kernel.run(() -> {
            Scheduler w = Kernel.current().newScheduler(SchedulerSpec.threads(1).named("w"));
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Void> child = Task.builder().name("child").scheduler(w).spawn(() -> { release.await(); });
            while (child.state() != TaskState.BLOCKED) {
                Task.yieldNow();
            }
            TaskInfo info = Kernel.current().tasks().stream().filter(t -> t.id().equals(child.id())).findFirst().orElseThrow();
            assertThat(info).isEqualTo(new TaskInfo(child.id(), "child", TaskState.BLOCKED, "w", Optional.of(new TaskId(1))));
            TaskInfo mine = Kernel.current().tasks().get(0);
            assertThat(mine.state()).isEqualTo(TaskState.RUNNING);
            assertThat(mine.parent()).isEmpty();
            release.countDown();
            child.join();
        });
    }

    @Test
    void statesGoFromNewbornToDead() {
        Kernel.run(() -> {
            // The main scheduler has one carrier (this thread): a child spawned there cannot run
            // until this task parks or yields.
            TaskHandle<TaskState> child = Task.spawn(() -> Task.current().state());
            assertThat(child.state()).isEqualTo(TaskState.NEWBORN);
            assertThat(child.isAlive()).isTrue();
            assertThat(Task.current().state()).isEqualTo(TaskState.RUNNING);
            assertThat(child.join()).isEqualTo(TaskState.RUNNING);
            assertThat(child.state()).isEqualTo(TaskState.DEAD);
            // RUNNABLE: queued behind the running task after a yield
            TaskHandle<Void> yielder = Task.spawn(() -> Task.yieldNow());
            Task.yieldNow(); // let it start and yield: it is now queued behind us
            assertThat(yielder.state()).isIn(TaskState.RUNNABLE, TaskState.DEAD);
            yielder.join();
        });
    }

    @Test
    void awaitWithTimeoutIsEmptyOnTimeoutAndTheResultOtherwise() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Integer> h = k.defaultScheduler().spawn(() -> {
                release.await();
                return 5;
            });
            assertThat(h.await(Duration.ZERO)).isEmpty();
            assertThat(h.await(Duration.ofMillis(5))).isEmpty();
            release.countDown();
            assertThat(h.await(Duration.ofSeconds(30))).contains(new TaskResult.Completed<>(5));
            assertThat(h.await()).isEqualTo(new TaskResult.Completed<>(5));
        }
    }

    @Test
    void completableFutureCompletesWithTheOutcome() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(FailureReporter.silent()))) {
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<String> h = k.defaultScheduler().spawn(() -> {
                release.await();
                return "v";
            });
            CompletableFuture<String> before = h.toCompletableFuture();
            assertThat(before).isNotDone();
            release.countDown();
            assertThat(before.get(30, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(h.toCompletableFuture().getNow(null)).isEqualTo("v"); // made after the end
            TaskHandle<String> bad = k.defaultScheduler().spawn(() -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(() -> bad.toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
            // callers cannot complete the task's future for everyone else
            TaskHandle<String> slow = k.defaultScheduler().spawn(() -> "real");
            slow.toCompletableFuture().complete("fake");
            assertThat(slow.toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo("real");
        }
    }

    @Test
    void joinReturnsTheValueOrThrowsTaskFailedExceptionWithTheCause() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1).withFailureReporter(FailureReporter.silent()))) {
            assertThat(k.defaultScheduler().spawn(() -> "ok").join()).isEqualTo("ok");
            assertThat(k.defaultScheduler().spawn(() -> { }).join()).isNull();
            Exception checked = new java.io.IOException("disk");
            TaskHandle<Object> h = k.defaultScheduler().spawn(() -> {
                throw checked;
            });
            assertThatThrownBy(h::join).isInstanceOf(TaskFailedException.class).hasCause(checked);
            assertThat(h.await()).isEqualTo(new TaskResult.Failed<>(checked));
        }
    }

    @Test
    void joinWorksFromPlainThreadsAndFromTasksOnOtherSchedulers() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Scheduler a = k.newScheduler(SchedulerSpec.threads(1));
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Integer> target = a.spawn(() -> {
                release.await();
                return 9;
            });
            List<TaskHandle<Integer>> joiners = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                joiners.add(k.defaultScheduler().spawn(target::join));
            }
            CompletableFuture<Integer> plain = CompletableFuture.supplyAsync(target::join, r -> Thread.ofPlatform().start(r));
            release.countDown();
            for (TaskHandle<Integer> j : joiners) {
                assertThat(j.join()).isEqualTo(9);
            }
            assertThat(plain.get(30, TimeUnit.SECONDS)).isEqualTo(9);
        }
    }

    @Test
    void currentsOutsideATaskAreRefused() {
        assertThatThrownBy(Task::current).isInstanceOf(IllegalStateException.class).hasMessageContaining("Task.current()");
        assertThatThrownBy(Scheduler::current).isInstanceOf(IllegalStateException.class).hasMessageContaining("Scheduler.current()");
        assertThatThrownBy(Kernel::current).isInstanceOf(IllegalStateException.class).hasMessageContaining("Kernel.current()");
        assertThatThrownBy(() -> Task.spawn(() -> 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a weft task");
        assertThat(Task.isKilled()).isFalse();
        Task.checkKilled();
        Task.yieldNow();
        Task.sleep(Duration.ZERO);
        assertThat(Task.unkillable(() -> 3)).isEqualTo(3);
    }

    @Test
    void schedulerSpawnInsideATaskMakesALinkedChildAndFromAPlainThreadARootTask() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.defaultScheduler();
            TaskHandle<TaskId> parent = s.spawn(() -> {
                TaskHandle<Optional<TaskId>> child = s.spawn(() -> Kernel.current().tasks().stream()
                        .filter(t -> t.id().equals(Task.current().id())).findFirst().orElseThrow().parent());
                assertThat(child.join()).contains(Task.current().id());
                return Task.current().id();
            });
            parent.join();
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Void> root = s.spawn(() -> { release.await(); });
            assertThat(k.tasks()).filteredOn(t -> t.id().equals(root.id())).singleElement()
                    .satisfies(t -> assertThat(t.parent()).isEmpty());
            release.countDown();
            root.join();
        }
    }

    @Test
    void sleepAndYieldWorkInsideTasks() {
        Kernel.run(() -> {
            long t0 = System.nanoTime();
            Task.sleep(Duration.ofMillis(20));
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(20_000_000L);
            List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
            TaskHandle<Boolean> other = Task.spawn(() -> order.add("other"));
            order.add("me-1");
            Task.yieldNow(); // the main scheduler has one carrier: the other task runs now
            order.add("me-2");
            other.join();
            assertThat(order).containsExactly("me-1", "other", "me-2");
        });
    }
}
