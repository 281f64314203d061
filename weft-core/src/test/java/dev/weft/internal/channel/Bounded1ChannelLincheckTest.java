package dev.weft.internal.channel;

import dev.weft.Channel;

/** Lincheck on {@code Channel.bounded(1)}. Capacity 1: the tiniest buffer. */
public class Bounded1ChannelLincheckTest extends AbstractChannelLincheckTest {
    @Override
    Channel<Integer> newChannel() {
        return Channel.bounded(1);
    }
}
