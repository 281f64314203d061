package dev.weft;

/** The channel contract for {@code Channel.rendezvous()}. */
class RendezvousChannelTest extends ChannelContractTest {
    @Override
    Channel<String> newChannel() {
        return Channel.rendezvous();
    }

    @Override
    int capacity() {
        return 0;
    }
}
