package dev.weft.internal.channel;

import dev.weft.Channel;
import dev.weft.ChannelClosedException;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the channels' non-blocking operations and close (kotlinx
 * {@code AbstractLincheckTest} style): Lincheck runs small concurrent scenarios (3 threads, a few
 * operations each) by model checking (exploring interleavings) and by stress, and checks every
 * outcome against a sequential execution of the same operations. The blocking operations are
 * covered by {@code ChannelStressTest}. A rendezvous channel is left out: without a waiting
 * receiver, its trySend never succeeds, so only the blocking operations are interesting there.
 *
 * <p>Results are strings so that a ChannelClosedException is a value Lincheck compares. One
 * subclass per kind: {@code BoundedChannelLincheckTest} (capacity 2), {@code
 * Bounded1ChannelLincheckTest}, {@code UnboundedChannelLincheckTest}. (Lincheck instantiates
 * them reflectively: they must be public, with a public no-argument constructor.)
 */
@Param(name = "message", gen = IntGen.class, conf = "1:4")
public abstract class AbstractChannelLincheckTest {
    private final Channel<Integer> channel = newChannel();

    /** @return the channel under test (small capacities reach the "full" edge) */
    abstract Channel<Integer> newChannel();

    @Operation
    public String trySend(@Param(name = "message") int message) {
        try {
            return Boolean.toString(channel.trySend(message));
        } catch (ChannelClosedException e) {
            return "closed";
        }
    }

    @Operation
    public String tryReceive() {
        return channel.tryReceive().map(String::valueOf).orElse("empty");
    }

    @Operation
    public void close() {
        channel.close();
    }

    @Operation
    public boolean isClosed() {
        return channel.isClosed();
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(15)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .check(getClass());
    }
}
