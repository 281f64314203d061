package dev.weft;

/**
 * Thrown by {@link TaskHandle#join()} when the joined task did not complete normally: its
 * {@link #getCause() cause} is the task's own exception, or a {@link TaskKilledException} if it
 * was killed.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which task
     * @param cause   the task's exception, or a TaskKilledException
     */
    public TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
