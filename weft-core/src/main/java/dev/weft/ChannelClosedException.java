package dev.weft;

/**
 * A send on a closed channel (the message was not delivered), a receive on a closed and drained
 * channel, or a select whose every clause is closed and that has no timeout.
 */
public class ChannelClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which channel and operation */
    public ChannelClosedException(String message) {
        super(message);
    }
}
