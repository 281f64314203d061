package dev.weft.internal.sched;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One FIFO queue shared by all of a scheduler's carriers (Michael–Scott, via
 * {@link ConcurrentLinkedQueue}): lock-free for any number of producers and consumers, never
 * blocks, tolerates duplicates. Costs one node per offer.
 */
final class SharedFifoQueue implements RunQueue {
    private final ConcurrentLinkedQueue<QueueItem> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void offer(QueueItem item) {
        queue.offer(item);
    }

    @Override
    public QueueItem poll() {
        return queue.poll();
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
