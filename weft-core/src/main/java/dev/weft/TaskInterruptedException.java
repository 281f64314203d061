package dev.weft;

/**
 * A plain {@link Thread#interrupt() interrupt} (not a kill) arrived while the thread waited in a
 * weft blocking call. The interrupt flag stays set; nothing is killed.
 */
public class TaskInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was interrupted */
    public TaskInterruptedException(String message) {
        super(message);
    }
}
