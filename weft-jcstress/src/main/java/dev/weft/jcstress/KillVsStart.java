package dev.weft.jcstress;

import dev.weft.Task;
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
 * A spawn races with a kill of the new task. (outcome, body ran, finally runs): a task killed
 * before it started never runs its body; a body that ran always runs its finally once.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "completed before the kill (or no kill)")
@Outcome(id = "2, 1, 1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "killed while running")
@Outcome(id = "2, 0, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "killed before start: the body never ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "lost task, body run after a kill-before-start, or a lost cleanup")
@State
public class KillVsStart {
    volatile TaskHandle<Void> task;
    final AtomicInteger ran = new AtomicInteger();
    final AtomicInteger finallies = new AtomicInteger();

    @Actor
    public void spawn() {
        task = Shared.KERNEL.defaultScheduler().spawn(() -> {
            ran.incrementAndGet();
            try {
                Task.yieldNow();
            } finally {
                finallies.incrementAndGet();
            }
        });
    }

    @Actor
    public void kill() {
        TaskHandle<Void> t = task;
        if (t != null) {
            t.kill();
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = Shared.outcome(task);
        r.r2 = ran.get();
        r.r3 = finallies.get();
    }
}
