package dev.weft.internal.determinism;

import dev.weft.internal.sched.QueueItem;
import dev.weft.internal.sched.RunQueue;
import java.util.ArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * Deterministic mode's run queue: ONE queue shared by every scheduler of the kernel, consumed
 * only by the thread inside {@code Kernel.run}; {@link #poll()} picks a uniformly random runnable
 * item with the kernel's seeded random source (Trio's rule: no code may rely on FIFO luck).
 *
 * <p>Offers normally come from that same thread (spawns, unparks, yields). JDK threads can offer
 * too (a timer waking a task that called {@code Thread.sleep}, a plain thread unparking a task);
 * such offers break replay (the loop warns), so the list is guarded by this object's monitor, and
 * an offer unparks the consumer if it waits for one.
 */
public final class SeededRunQueue implements RunQueue {
    private final ArrayList<QueueItem> items = new ArrayList<>();
    private final RandomGenerator random;
    private volatile Thread waitingConsumer;

    /** @param random the kernel's seeded random source */
    public SeededRunQueue(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public void offer(QueueItem item) {
        synchronized (this) {
            items.add(item);
        }
        Thread c = waitingConsumer; // pairs with awaitOffer's write-then-recheck
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    @Override
    public synchronized QueueItem poll() {
        int n = items.size();
        if (n == 0) {
            return null;
        }
        int i = n == 1 ? 0 : random.nextInt(n);
        QueueItem picked = items.get(i);
        items.set(i, items.get(n - 1));
        items.remove(n - 1);
        return picked;
    }

    @Override
    public synchronized boolean isEmpty() {
        return items.isEmpty();
    }

    /** Parks the consumer (the calling thread) until something is offered. */
    void awaitOffer() {
        waitingConsumer = Thread.currentThread();
        try {
            while (isEmpty()) {
                LockSupport.park(this);
                Thread.interrupted(); // the loop's thread is a carrier: it ignores interrupts
            }
        } finally {
            waitingConsumer = null;
        }
    }
}
