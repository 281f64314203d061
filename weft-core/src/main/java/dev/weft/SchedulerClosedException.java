package dev.weft;

import java.util.concurrent.RejectedExecutionException;

/** A spawn onto a scheduler that is closed or has exited. */
public class SchedulerClosedException extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    /** @param message which scheduler, and why */
    public SchedulerClosedException(String message) {
        super(message);
    }
}
