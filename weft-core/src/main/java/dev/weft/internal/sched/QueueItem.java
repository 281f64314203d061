package dev.weft.internal.sched;

/**
 * Something a carrier can run: a task's continuation ({@code TaskImpl}) or a guest virtual
 * thread's continuation ({@link GuestRun}). Queues hold these, not {@code Runnable}s, so a task is
 * queued as itself and a task switch allocates nothing.
 */
public interface QueueItem {
    /**
     * Runs on the calling carrier.
     *
     * @param carrier the carrier thread's state
     */
    void runOn(Carrier carrier);

    /**
     * Called instead of {@link #runOn} when the scheduler has exited and its queue is drained:
     * a guest continues on the JDK's scheduler; a stale entry of a dead task is dropped.
     */
    void abandon();
}
