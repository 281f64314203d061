package dev.weft;

/** The channel contract for {@code Channel.bounded(1)}. */
class Bounded1ChannelTest extends ChannelContractTest {
    @Override
    Channel<String> newChannel() {
        return Channel.bounded(1);
    }

    @Override
    int capacity() {
        return 1;
    }
}
