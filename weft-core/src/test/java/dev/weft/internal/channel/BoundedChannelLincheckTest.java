package dev.weft.internal.channel;

import dev.weft.Channel;

/** Lincheck on {@code Channel.bounded(2)}. Capacity 2: three threads fill it, drain it and close it. */
public class BoundedChannelLincheckTest extends AbstractChannelLincheckTest {
    @Override
    Channel<Integer> newChannel() {
        return Channel.bounded(2);
    }
}
