package dev.weft.jcstress;

import dev.weft.Channel;
import dev.weft.TaskHandle;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * kill() races with the task's normal completion (a message releases it). (outcome, finally runs):
 * exactly one of Completed/Killed, never lost, and its finally ran exactly once if its body ran.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "completed, cleanup ran")
@Outcome(id = "2, 1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "killed while running, cleanup ran")
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "killed before its body started")
@Outcome(expect = Expect.FORBIDDEN, desc = "a lost task, a lost or double cleanup, or a wrong outcome")
@State
public class KillVsCompletion {
    final Channel<Integer> release = Channel.bounded(1);
    final AtomicInteger finallies = new AtomicInteger();
    final TaskHandle<Integer> task = Shared.KERNEL.defaultScheduler().spawn(() -> {
        try {
            return release.receive();
        } finally {
            finallies.incrementAndGet();
        }
    });

    @Actor
    public void complete() {
        release.trySend(1);
    }

    @Actor
    public void kill() {
        task.kill();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = Shared.outcome(task);
        r.r2 = finallies.get();
    }
}
