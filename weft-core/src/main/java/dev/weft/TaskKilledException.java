package dev.weft;

import java.util.concurrent.CancellationException;

/**
 * Thrown by a weft blocking call (join, await, sleep, yieldNow, channel and select operations)
 * made by a task that has been killed, and by {@link Task#checkKilled()}. When a LINKED child's
 * failure wakes a running parent, the exception's {@link #getCause() cause} is the child's
 * exception.
 *
 * <p>Also the {@link TaskFailedException#getCause() cause} of a {@code join} on a killed task.
 */
public class TaskKilledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** @param message what was killed */
    public TaskKilledException(String message) {
        super(message);
    }

    /**
     * @param message what was killed
     * @param cause   the failure that killed it, or null
     */
    public TaskKilledException(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
