package dev.weft.jcstress;

import dev.weft.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A receive races with a send followed by close() (two actors: jcstress needs a CPU per actor).
 * (received by the receiver, left in the buffer afterwards): the message is received exactly
 * once, by the receiver or from the buffer after the close.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "received before or after the close")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "not yet sent when the receiver looked: still buffered")
@Outcome(expect = Expect.FORBIDDEN, desc = "a lost or duplicated message")
@State
public class ChannelCloseVsReceive {
    final Channel<Integer> channel = Channel.bounded(1);
    int received;

    @Actor
    public void receive() {
        received = channel.tryReceive().isPresent() ? 1 : 0;
    }

    @Actor
    public void sendThenClose() {
        channel.trySend(1);
        channel.close();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = received;
        int left = 0;
        while (channel.tryReceive().isPresent()) {
            left++;
        }
        r.r2 = left;
    }
}
