package dev.weft.jcstress;

import dev.weft.Channel;
import dev.weft.ChannelClosedException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * close() races with a send. (send: 1 delivered / 2 ChannelClosedException, received afterwards):
 * the message is delivered xor the send reports the failure.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "sent before the close: still receivable")
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "refused: not delivered")
@Outcome(expect = Expect.FORBIDDEN, desc = "a lost message or a delivered refused one")
@State
public class ChannelCloseVsSend {
    final Channel<Integer> channel = Channel.bounded(1);
    int sent;

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
    public void arbiter(II_Result r) {
        r.r1 = sent;
        int got = 0;
        while (channel.tryReceive().isPresent()) {
            got++;
        }
        r.r2 = got;
    }
}
