package dev.weft.internal.sched;

/**
 * A scheduler's run queue: the picking policy seam (DESIGN.md, "Seams"). Producers are any
 * thread (the scheduler's own carriers on yield, unparking tasks of any scheduler, JDK timer and
 * poller threads, plain threads); consumers are the scheduler's carriers.
 *
 * <p>Contract: unbounded ({@link #offer} never fails, never blocks: it is called while the caller
 * is pinned); tolerates the same item twice; {@link #poll} returns null when empty.
 */
public interface RunQueue {
    /** @param item to run; never null */
    void offer(QueueItem item);

    /** @return the next item to run, or null */
    QueueItem poll();

    /** @return whether it looked empty (a hint, used before parking) */
    boolean isEmpty();

    /** Makes run queues for schedulers. Deterministic mode plugs in a seeded picker here. */
    @FunctionalInterface
    interface Policy {
        /**
         * @param carriers the scheduler's number of carriers
         * @return a new queue
         */
        RunQueue newQueue(int carriers);

        /** The normal policy: one shared FIFO queue per scheduler. */
        Policy FIFO = carriers -> new SharedFifoQueue();
    }
}
