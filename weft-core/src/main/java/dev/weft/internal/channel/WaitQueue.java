package dev.weft.internal.channel;

/**
 * A FIFO of {@link Waiter}s: a channel's waiting senders, or its waiting receivers. Intrusive and
 * doubly linked, so a waiter that gives up (timeout, kill, interrupt) or a select clause that lost
 * leaves in O(1) and nothing is allocated beyond the waiter itself.
 *
 * <p>Not thread-safe: every method is called with the owning channel's lock held, and that lock
 * guards {@code head}, {@code tail}, {@code size} and every queued waiter's {@code prev}, {@code
 * next} and {@code queued}.
 *
 * <p>Waiters whose owner was decided elsewhere (a select that fired another clause, a waiter that
 * cancelled but has not removed itself yet) are dead: {@link #firstLive} drops them as it meets
 * them, so they never block a live waiter behind them.
 */
final class WaitQueue {
    private Waiter head;
    private Waiter tail;
    private int size;

    /** Appends {@code w}, which has never been queued. */
    void add(Waiter w) {
        w.queued = true;
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    /** Removes {@code w} if it is still queued here; idempotent. */
    void remove(Waiter w) {
        if (!w.queued) {
            return;
        }
        w.queued = false;
        Waiter p = w.prev, n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        size--;
    }

    /**
     * The oldest waiter that may still be claimed and does not belong to {@code self}; dead
     * waiters met on the way are removed. The result may still die before the caller's claim (its
     * owner may be claimed through another channel, or cancel): callers claim it with a CAS.
     *
     * @param self the select asking, or null
     * @return that waiter (still queued), or null
     */
    Waiter firstLive(Selection self) {
        Waiter w = head;
        while (w != null) {
            Waiter n = w.next;
            if (!w.isLive()) {
                remove(w);
            } else if (!w.belongsTo(self)) {
                return w;
            }
            w = n;
        }
        return null;
    }

    /**
     * Channel close: empties the queue, marking every waiter closed and unqueued. The returned
     * chain (linked by {@code next}) is the caller's to walk after it released the lock, to wake
     * the owners: no one else touches an unqueued waiter's links.
     *
     * @return the first waiter of the chain, or null
     */
    Waiter closeAll() {
        Waiter first = head;
        for (Waiter w = first; w != null; w = w.next) {
            w.queued = false;
            w.closed = true; // volatile: read by the owner after the wake-up
        }
        head = tail = null;
        size = 0;
        return first;
    }

    /** @return the number of queued waiters, dead ones included */
    int size() {
        return size;
    }

    /** @return whether no waiter is queued */
    boolean isEmpty() {
        return head == null;
    }
}
