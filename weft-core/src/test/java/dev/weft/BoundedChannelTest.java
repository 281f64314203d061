package dev.weft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The channel contract for {@code Channel.bounded(4)}. */
class BoundedChannelTest extends ChannelContractTest {
    @Override
    Channel<String> newChannel() {
        return Channel.bounded(4);
    }

    @Override
    int capacity() {
        return 4;
    }

    @Test
    void capacityBelowOneIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Channel.bounded(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bounded(0)");
        assertThatThrownBy(() -> Channel.bounded(-7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bounded(-7)");
    }
}
