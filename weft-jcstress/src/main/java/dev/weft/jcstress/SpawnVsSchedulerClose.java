package dev.weft.jcstress;

import dev.weft.Scheduler;
import dev.weft.SchedulerClosedException;
import dev.weft.SchedulerSpec;
import dev.weft.TaskHandle;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A spawn races with close() of its scheduler. (spawn: 1 accepted / 2 refused, body ran, outcome
 * published when awaitTermination returned): a spawn is refused (body never runs) or runs to its
 * end, and the scheduler terminates only after its task is reaped.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "accepted, ran, reaped before termination")
@Outcome(id = "2, 0, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "refused: the body never ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "a lost task, a refused body that ran, or termination before the reap")
@State
public class SpawnVsSchedulerClose {
    final Scheduler scheduler = Shared.KERNEL.newScheduler(SchedulerSpec.threads(1).named(Shared.name("svc")));
    final AtomicInteger ran = new AtomicInteger();
    volatile TaskHandle<Void> task;
    volatile int spawn;

    @Actor
    public void spawn() {
        try {
            task = scheduler.spawn(() -> {
                ran.incrementAndGet();
            });
            spawn = 1;
        } catch (SchedulerClosedException e) {
            spawn = 2;
        }
    }

    @Actor
    public void close() {
        scheduler.close();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        scheduler.awaitTermination();
        r.r1 = spawn;
        r.r2 = ran.get();
        TaskHandle<Void> t = task;
        r.r3 = t == null ? 0 : Shared.published(t) == Shared.COMPLETED ? 1 : 0;
    }
}
