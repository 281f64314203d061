package dev.weft.internal.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One carrier thread of a scheduler and its loop: take an item, run it, repeat; park when there
 * is nothing to run; leave when the scheduler exits.
 *
 * <h2>Parking protocol (no lost wake-up, no timer: I9)</h2>
 * <ol>
 * <li>Carrier: {@code parked = true}, then {@code idle.incrementAndGet()}, then re-check the queue
 *     and the exit flag. Submitter: {@code queue.offer}, then read {@code idle}. Both sides write
 *     then read volatile/atomic locations, which are sequentially consistent in the JMM, so
 *     either the carrier sees the item or the submitter sees {@code idle > 0}.
 * <li>A waker picks a carrier whose {@code parked} is true and CASes it to false (only one waker
 *     wins), decrements {@code idle}, and unparks that thread. A carrier that saw work in its
 *     re-check CASes its own flag back; if a waker won that race, the waker did the decrement.
 * <li>The carrier parks while {@code parked} is true: spurious wake-ups and interrupts park it
 *     again. Carriers are never woken by interrupt (a mounted virtual thread clears the carrier's
 *     flag anyway); an interrupt of an idle carrier is cleared, so it cannot make park spin.
 * </ol>
 */
public final class Carrier implements Runnable {
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(Carrier.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How many times in a row the carrier may take its {@link #next} slot before it must go to the
     * shared queue (Tokio's {@code MAX_LIFO_POLLS_PER_TICK} is 3): a ping-pong pair cannot starve
     * the rest of the queue.
     */
    static final int MAX_SLOT_STREAK = 3;

    private final SchedulerImpl scheduler;
    private final int index;
    /**
     * The LIFO slot: the task most recently woken by a task running on this carrier, run next
     * (the ping-pong case: no queue round trip, the woken task runs on a warm cache); used by
     * single-carrier schedulers only (see {@code SchedulerImpl.localCarrier}). Read and
     * written only by this carrier's OS thread (the carrier loop, or a task mounted on it calling
     * {@link SchedulerImpl#submit}), so it needs no synchronisation.
     */
    private QueueItem next;
    private int slotStreak;
    private final boolean weftThread;
    private volatile Thread thread;
    private volatile boolean parked;

    /**
     * @param scheduler  its scheduler
     * @param index      0-based number within the scheduler
     * @param weftThread whether weft started this thread (false for the main thread), so the
     *                   reaper joins it
     */
    Carrier(SchedulerImpl scheduler, int index, boolean weftThread) {
        this.scheduler = scheduler;
        this.index = index;
        this.weftThread = weftThread;
    }

    void bind(Thread t) {
        this.thread = t;
    }

    /** @return the thread, or null before it was made */
    public Thread thread() {
        return thread;
    }

    boolean isWeftThread() {
        return weftThread;
    }

    /** @return its number within the scheduler */
    public int index() {
        return index;
    }

    /** @return the scheduler it serves */
    public SchedulerImpl scheduler() {
        return scheduler;
    }

    /** The carrier loop. Returns when the scheduler exits. */
    @Override
    public void run() {
        RunQueue queue = scheduler.queue();
        try {
            for (;;) {
                QueueItem item = take(queue);
                if (item != null) {
                    runItem(item);
                } else if (scheduler.isExiting()) {
                    break;
                } else {
                    idle(queue);
                }
            }
        } finally {
            scheduler.carrierExited(this);
        }
    }

    private QueueItem take(RunQueue queue) {
        QueueItem n = next;
        if (n != null) {
            next = null;
            if (slotStreak < MAX_SLOT_STREAK) {
                slotStreak++;
                return n;
            }
            queue.offer(n); // its turn is over: behind everything that waited in the queue
        }
        slotStreak = 0;
        return queue.poll();
    }

    /**
     * Puts {@code item} in the LIFO slot. Only called on this carrier's OS thread.
     *
     * @param item what to run next
     * @return what the slot held before (the caller queues it), or null
     */
    QueueItem swapNext(QueueItem item) {
        QueueItem prev = next;
        next = item;
        return prev;
    }

    private void runItem(QueueItem item) {
        try {
            item.runOn(this);
        } catch (Throwable t) {
            // A continuation run never throws for the task's own exceptions (the body wrapper
            // catches them); anything here is a weft or JDK defect: say so, keep the carrier.
            System.err.println("weft: internal error on carrier " + Thread.currentThread().getName() + ": " + t);
            t.printStackTrace();
        }
    }

    private void idle(RunQueue queue) {
        // the slot is empty here: take() found nothing, and only this thread fills it
        parked = true;
        scheduler.idleCount().incrementAndGet();
        if (!queue.isEmpty() || scheduler.isExiting()) {
            if (PARKED.compareAndSet(this, true, false)) {
                scheduler.idleCount().decrementAndGet();
            }
            return;
        }
        while (parked) {
            LockSupport.park(scheduler);
            if (Thread.interrupted()) {
                // carriers ignore interrupts: see the class comment
                continue;
            }
        }
    }

    /**
     * Wakes this carrier if it is parked.
     *
     * @return whether this call woke it
     */
    boolean wakeIfParked() {
        if (parked && PARKED.compareAndSet(this, true, false)) {
            scheduler.idleCount().decrementAndGet();
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        Thread t = thread;
        return "Carrier[" + (t != null ? t.getName() : scheduler.name() + "-" + index + " (not started)") + "]";
    }
}
