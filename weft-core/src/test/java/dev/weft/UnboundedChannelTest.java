package dev.weft;

/** The channel contract for {@code Channel.unbounded()}. */
class UnboundedChannelTest extends ChannelContractTest {
    @Override
    Channel<String> newChannel() {
        return Channel.unbounded();
    }

    @Override
    int capacity() {
        return Integer.MAX_VALUE;
    }
}
