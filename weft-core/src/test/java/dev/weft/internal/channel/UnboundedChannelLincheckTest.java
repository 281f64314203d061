package dev.weft.internal.channel;

import dev.weft.Channel;

/** Lincheck on {@code Channel.unbounded()}. Unbounded: trySend fails only once closed. */
public class UnboundedChannelLincheckTest extends AbstractChannelLincheckTest {
    @Override
    Channel<Integer> newChannel() {
        return Channel.unbounded();
    }
}
