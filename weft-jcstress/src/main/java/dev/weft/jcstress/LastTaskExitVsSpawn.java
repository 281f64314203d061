package dev.weft.jcstress;

import dev.weft.Channel;
import dev.weft.Scheduler;
import dev.weft.SchedulerClosedException;
import dev.weft.SchedulerSpec;
import dev.weft.Task;
import dev.weft.TaskHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The last task of a scheduler made for one spawn ({@code Task.builder().newScheduler}) ends —
 * which closes it — while a plain thread spawns a new task on it. (spawn: 1 accepted / 2 refused,
 * body ran, outcome published when the scheduler terminated): the new spawn is refused or runs,
 * and the scheduler never terminates under it.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "accepted before the last exit: ran, reaped before termination")
@Outcome(id = "2, 0, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "refused after the last exit")
@Outcome(expect = Expect.FORBIDDEN, desc = "a lost task, a refused body that ran, or termination before the reap")
@State
public class LastTaskExitVsSpawn {
    final Channel<Integer> release = Channel.bounded(1);
    final Scheduler ephemeral;
    final AtomicInteger ran = new AtomicInteger();
    volatile TaskHandle<Void> task;
    volatile int spawn;

    public LastTaskExitVsSpawn() {
        CompletableFuture<Scheduler> made = new CompletableFuture<>();
        Shared.KERNEL.defaultScheduler().spawn(() -> {
            Task.builder().newScheduler(SchedulerSpec.threads(1)).spawn(() -> {
                made.complete(Scheduler.current());
                release.receive();
            });
        });
        ephemeral = made.join();
    }

    @Actor
    public void lastExit() {
        release.trySend(1);
    }

    @Actor
    public void spawn() {
        try {
            task = ephemeral.spawn(() -> {
                ran.incrementAndGet();
            });
            spawn = 1;
        } catch (SchedulerClosedException e) {
            spawn = 2;
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        ephemeral.awaitTermination();
        r.r1 = spawn;
        r.r2 = ran.get();
        TaskHandle<Void> t = task;
        r.r3 = t == null ? 0 : Shared.published(t) == Shared.COMPLETED ? 1 : 0;
    }
}
