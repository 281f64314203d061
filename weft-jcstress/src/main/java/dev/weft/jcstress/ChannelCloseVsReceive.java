package dev.weft.jcstress;

import dev.weft.Channel;
import dev.weft.ChannelClosedException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * close() races with a receive and a send on a buffered channel. (received by the receiver,
 * send: 1 delivered / 2 refused, left in the buffer afterwards): every delivered message is
 * received exactly once, by the receiver or from the buffer after the close.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "both sends delivered: one received, one left buffered")
@Outcome(id = "1, 2, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "the send was refused: the first message received")
@Outcome(expect = Expect.FORBIDDEN, desc = "a lost or duplicated message")
@State
public class ChannelCloseVsReceive {
    final Channel<Integer> channel = Channel.bounded(2);
    int received;
    int sent;

    public ChannelCloseVsReceive() {
        channel.trySend(0);
    }

    @Actor
    public void receive() {
        received = channel.tryReceive().isPresent() ? 1 : 0;
    }

    @Actor
    public void send() {
        try {
            sent = channel.trySend(1) ? 1 : 3;
        } catch (ChannelClosedException e) {
            sent = 2;
        }
    }

    @Actor
    public void close() {
        channel.close();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = received;
        r.r2 = sent;
        int left = 0;
        while (channel.tryReceive().isPresent()) {
            left++;
        }
        r.r3 = left;
    }
}
