package dev.weft.internal.channel;

import dev.weft.ChannelClosedException;
import dev.weft.internal.task.Blocking;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machinery of one channel, of any kind: a buffer, a queue of waiting senders, a queue of
 * waiting receivers, a closed flag, and the lock that guards them. {@code dev.weft.Channel} is its
 * typed face; {@link Selection} drives it through the {@code ...Locked} methods.
 *
 * <h2>Kinds</h2>
 * <ul>
 * <li>rendezvous: {@code capacity == 0}, no buffer; a message passes only from a sender to a
 *     receiver that meet (one of them waiting in a queue);
 * <li>bounded: {@code capacity} slots of an {@link ArrayDeque} (it grows up to the largest size
 *     ever used, then a message costs no allocation);
 * <li>unbounded: {@code capacity == UNBOUNDED}; senders never wait.
 * </ul>
 *
 * <h2>Invariants (under the lock)</h2>
 * <ol>
 * <li>A live receiver waits only while the buffer is empty: a receiver queues itself only when it
 *     found the buffer empty and no live sender, and a sender that finds a live receiver hands
 *     the message to it instead of buffering.
 * <li>A live sender waits only while the buffer is full (always, for rendezvous): a receiver that
 *     takes from a full buffer moves the oldest live sender's message into it at once.
 * <li>Once closed, no waiter is queued and none is ever queued again; the buffer only drains.
 * </ol>
 * So a message is in exactly one place: its sender's waiter, the buffer, or a receiver (after a
 * claim), and per-sender FIFO follows from the FIFO buffer and FIFO queues (a sender has at most
 * one message in flight outside the buffer).
 *
 * <h2>One operation (send; receive is symmetric)</h2>
 * <ol>
 * <li>{@link Blocking#beforeWait()}: a killed or interrupted caller throws before touching
 *     anything.
 * <li>Under the lock: closed? throw. A live receiver? claim it ({@link Waiter#tryClaim()},
 *     after writing the message into it). Room in the buffer? append. Otherwise queue a new
 *     {@link Waiter} holding the message.
 * <li>After unlocking: unpark the claimed counterpart, or wait ({@link #await}) until a
 *     counterpart claims our waiter, the channel closes, the deadline passes, or the task is
 *     killed or interrupted. Every way out except a claim (and a close, which unqueues the waiter so
 *     nothing can claim it) goes through a cancel under the lock; a lost cancel means the claim
 *     came first, so the operation reports success.
 * </ol>
 *
 * <h2>Why a lock</h2>
 * Every critical section is a handful of field writes, a release store per plain waiter met and a
 * CAS per select waiter met (no allocation except a waiter, no unpark, no user code, no
 * blocking), and a virtual thread does not
 * unmount inside it, so the lock is almost never contended long; {@link ReentrantLock} parks a
 * contending virtual thread instead of pinning its carrier. The lock also decides the race between
 * a claim and the cancel of a plain waiter without a CAS ({@link Parker}), and it lets a select
 * check and register on several channels atomically ({@link Selection}: locks taken in {@link #id}
 * order) without the descriptor machinery of a lock-free select. Unparks happen after unlocking.
 *
 * <h2>Field ownership</h2>
 * <table>
 * <caption>who writes what</caption>
 * <tr><td>id, capacity, lock, buffer, senders, receivers</td><td>final</td></tr>
 * <tr><td>buffer contents, queue contents</td><td>the lock holder</td></tr>
 * <tr><td>closed</td><td>{@link #close()} under the lock, once (false to true); volatile so that
 *     {@link #isClosed()} needs no lock</td></tr>
 * </table>
 *
 * @param <E> the message type
 */
public final class ChannelCore<E> {
    /** The capacity of an unbounded channel. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** Returned by the receive methods when the channel is closed and drained. */
    public static final Object CLOSED = new Object() {
        @Override
        public String toString() {
            return "CLOSED";
        }
    };

    /** Outcomes of {@link #await}. */
    private static final int CLAIMED = 0, TIMED_OUT = 1, CLOSED_OUT = 2;
    /** Readiness of a select clause (see the {@code ...ReadinessLocked} methods). */
    static final int NOT_READY = 0, READY = 1, CLOSED_CLAUSE = 2;

    private static final AtomicLong IDS = new AtomicLong();

    /** Unique, increasing: the order in which a select takes channel locks. */
    final long id = IDS.incrementAndGet();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Object> buffer;
    private final WaitQueue senders = new WaitQueue();
    private final WaitQueue receivers = new WaitQueue();
    private volatile boolean closed;

    /** @param capacity 0 (rendezvous), a positive bound, or {@link #UNBOUNDED} */
    public ChannelCore(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
        this.buffer = capacity == 0 ? null : new ArrayDeque<>(Math.min(capacity, 16));
    }

    // ------------------------------------------------------------------ send

    /**
     * Sends, waiting as long as it takes or until {@code deadline}.
     *
     * @param message  not null
     * @param timed    whether {@code deadline} applies
     * @param deadline on {@link Blocking#clock()}, if timed
     * @return true if delivered (to a receiver or the buffer); false if the deadline passed first
     * @throws ChannelClosedException if closed before or while waiting (not delivered)
     */
    public boolean send(E message, boolean timed, long deadline) {
        Blocking.beforeWait();
        Waiter claimed = null, mine = null;
        lock.lock();
        try {
            if (closed) {
                // thrown below, after unlocking
            } else if ((claimed = claimReceiverLocked(null, message)) != null) {
                // handed over
            } else if (hasSpaceLocked()) {
                buffer.addLast(message);
                return true;
            } else if (timed && deadline - Blocking.now() <= 0) {
                return false;
            } else {
                mine = new Waiter(null, 0, this, message);
                senders.add(mine);
            }
        } finally {
            lock.unlock();
        }
        if (claimed != null) {
            claimed.wakeOwner();
            return true;
        }
        if (mine == null) {
            throw closedOnSend();
        }
        return switch (await(mine, timed, deadline)) {
            case CLAIMED -> true;
            case TIMED_OUT -> false;
            default -> throw closedOnSend();
        };
    }

    /**
     * Sends if it can without waiting. Never throws for kill or interrupt: it does not wait.
     *
     * @param message not null
     * @return whether delivered
     * @throws ChannelClosedException if closed
     */
    public boolean trySend(E message) {
        Waiter claimed;
        lock.lock();
        try {
            if (closed) {
                claimed = null;
            } else if ((claimed = claimReceiverLocked(null, message)) == null) {
                if (hasSpaceLocked()) {
                    buffer.addLast(message);
                    return true;
                }
                return false;
            }
        } finally {
            lock.unlock();
        }
        if (claimed == null) {
            throw closedOnSend();
        }
        claimed.wakeOwner();
        return true;
    }

    // ------------------------------------------------------------------ receive

    /**
     * Receives, waiting as long as it takes or until {@code deadline}.
     *
     * @param timed    whether {@code deadline} applies
     * @param deadline on {@link Blocking#clock()}, if timed
     * @return the message; null if the deadline passed first; {@link #CLOSED} if closed and drained
     */
    public Object receive(boolean timed, long deadline) {
        Blocking.beforeWait();
        Object message = null;
        Waiter woken = null, mine = null;
        lock.lock();
        try {
            if (buffer != null && !buffer.isEmpty()) {
                message = buffer.pollFirst();
                woken = refillLocked(null);
            } else if ((woken = claimSenderLocked(null)) != null) {
                message = woken.item;
            } else if (closed) {
                message = CLOSED;
            } else if (timed && deadline - Blocking.now() <= 0) {
                return null;
            } else {
                mine = new Waiter(null, 0, this, null);
                receivers.add(mine);
            }
        } finally {
            lock.unlock();
        }
        if (woken != null) {
            woken.wakeOwner();
        }
        if (mine == null) {
            return message;
        }
        return switch (await(mine, timed, deadline)) {
            case CLAIMED -> mine.item;
            case TIMED_OUT -> null;
            default -> CLOSED;
        };
    }

    /**
     * Receives if it can without waiting. Never throws for kill or interrupt: it does not wait.
     *
     * @return the message, or null if none is available (closed and drained included)
     */
    public Object tryReceive() {
        Object message;
        Waiter woken;
        lock.lock();
        try {
            if (buffer != null && !buffer.isEmpty()) {
                message = buffer.pollFirst();
                woken = refillLocked(null);
            } else if ((woken = claimSenderLocked(null)) != null) {
                message = woken.item;
            } else {
                return null;
            }
        } finally {
            lock.unlock();
        }
        if (woken != null) {
            woken.wakeOwner();
        }
        return message;
    }

    // ------------------------------------------------------------------ close

    /**
     * Closes the channel: idempotent. Buffered messages stay receivable; every waiting sender
     * (its message undelivered) and receiver (the buffer is empty, invariant 1) is woken and
     * throws {@link ChannelClosedException}; a waiting select counts the clause as closed.
     */
    public void close() {
        Waiter rs, ss;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // volatile: pairs with isClosed()
            rs = receivers.closeAll();
            ss = senders.closeAll();
        } finally {
            lock.unlock();
        }
        wakeChain(rs);
        wakeChain(ss);
    }

    private static void wakeChain(Waiter w) {
        while (w != null) {
            Waiter n = w.next; // an unqueued waiter's links are no one's to change any more
            w.wakeOwner();
            w = n;
        }
    }

    /** @return whether {@link #close()} has been called */
    public boolean isClosed() {
        return closed;
    }

    /** @return 0 for rendezvous, the bound, or {@link #UNBOUNDED} */
    public int capacity() {
        return capacity;
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits until {@code w} (queued by the caller) is claimed, closed, timed out, or the caller
     * is killed or interrupted. Every exit but a claim must win {@link #cancel}; if it loses, the
     * claim happened first and the operation succeeded (the kill or interrupt stays pending for
     * the caller's next weft call).
     *
     * @return CLAIMED, TIMED_OUT or CLOSED_OUT
     */
    private int await(Waiter w, boolean timed, long deadline) {
        for (;;) {
            if (!w.isWaiting()) {
                return CLAIMED; // only a claim decides a plain waiter while it is in here
            }
            if (w.closed) {
                // close() took it out of the queue before a claim could: no one can claim it now
                return CLOSED_OUT;
            }
            boolean inTime = true;
            try {
                if (timed) {
                    inTime = Blocking.parkUntil(this, deadline);
                } else {
                    Blocking.park(this);
                }
            } catch (Throwable killedOrInterrupted) {
                if (cancel(w)) {
                    throw killedOrInterrupted;
                }
                return CLAIMED;
            }
            if (!inTime) {
                return cancel(w) ? TIMED_OUT : CLAIMED;
            }
        }
    }

    /**
     * A plain waiter gives up: under the lock, so it races with claims (also under the lock)
     * without a CAS.
     *
     * @return whether it won (then it left the queue); false if a counterpart claimed it first
     */
    private boolean cancel(Waiter w) {
        lock.lock();
        try {
            if (!w.cancelLocked()) {
                return false;
            }
            (w.sender ? senders : receivers).remove(w); // a no-op if close() already took it out
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a select's waiter out of its queue (no-op if a claimer or close already did). */
    void remove(Waiter w) {
        lock.lock();
        try {
            (w.sender ? senders : receivers).remove(w);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ under the lock

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    boolean isClosedLocked() {
        return closed;
    }

    private boolean hasSpaceLocked() {
        return buffer != null && buffer.size() < capacity;
    }

    /**
     * Claims the oldest live receiver not of {@code self}, handing it {@code message}.
     *
     * @return the claimed waiter (the caller unparks it after unlocking), or null
     */
    private Waiter claimReceiverLocked(Selection self, Object message) {
        for (;;) {
            Waiter r = receivers.firstLive(self);
            if (r == null) {
                return null;
            }
            receivers.remove(r);
            r.item = message; // before the claim CAS, which publishes it to the receiver
            if (r.tryClaim()) {
                return r;
            }
            // its owner was decided meanwhile (another clause, or it cancelled): try the next
        }
    }

    /**
     * Claims the oldest live sender not of {@code self}; its message is {@code item}.
     *
     * @return the claimed waiter (the caller unparks it after unlocking), or null
     */
    private Waiter claimSenderLocked(Selection self) {
        for (;;) {
            Waiter s = senders.firstLive(self);
            if (s == null) {
                return null;
            }
            senders.remove(s);
            if (s.tryClaim()) {
                return s;
            }
        }
    }

    /** After a take from the buffer: moves the oldest live sender's message in (invariant 2). */
    private Waiter refillLocked(Selection self) {
        Waiter s = claimSenderLocked(self);
        if (s != null) {
            buffer.addLast(s.item);
        }
        return s;
    }

    /** @return READY, NOT_READY or CLOSED_CLAUSE for a receive clause of {@code self} */
    int receiveReadinessLocked(Selection self) {
        if ((buffer != null && !buffer.isEmpty()) || senders.firstLive(self) != null) {
            return READY;
        }
        return closed ? CLOSED_CLAUSE : NOT_READY;
    }

    /** @return READY, NOT_READY or CLOSED_CLAUSE for a send clause of {@code self} */
    int sendReadinessLocked(Selection self) {
        if (closed) {
            return CLOSED_CLAUSE;
        }
        return hasSpaceLocked() || receivers.firstLive(self) != null ? READY : NOT_READY;
    }

    /**
     * A select's receive clause, if it can happen now.
     *
     * @return the message, or null (a live sender seen by the readiness check died meanwhile)
     */
    Object pollLocked(Selection self) {
        Waiter woken;
        Object message;
        if (buffer != null && !buffer.isEmpty()) {
            message = buffer.pollFirst();
            woken = refillLocked(self);
        } else if ((woken = claimSenderLocked(self)) != null) {
            message = woken.item;
        } else {
            return null;
        }
        if (woken != null) {
            self.wakeAfterUnlocking(woken);
        }
        return message;
    }

    /**
     * A select's send clause, if it can happen now (the channel is open).
     *
     * @return whether the message was delivered
     */
    boolean offerLocked(Selection self, Object message) {
        Waiter claimed = claimReceiverLocked(self, message);
        if (claimed != null) {
            self.wakeAfterUnlocking(claimed);
            return true;
        }
        if (hasSpaceLocked()) {
            buffer.addLast(message);
            return true;
        }
        return false;
    }

    /** Queues a select clause's waiter (the channel is open and the clause not ready). */
    void enqueueLocked(Waiter w) {
        (w.sender ? senders : receivers).add(w);
    }

    // ------------------------------------------------------------------ reporting

    /** @return the exception for a send on this closed channel */
    public ChannelClosedException closedOnSend() {
        return new ChannelClosedException("send on a closed channel: " + this + "; the message was not delivered");
    }

    /** @return the exception for a receive on this closed, drained channel */
    public ChannelClosedException closedOnReceive() {
        return new ChannelClosedException("receive on a closed and drained channel: " + this);
    }

    /** @return waiting senders (dead ones not yet dropped included): for tests and toString */
    public int waitingSenders() {
        lock.lock();
        try {
            return senders.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return waiting receivers (dead ones not yet dropped included): for tests and toString */
    public int waitingReceivers() {
        lock.lock();
        try {
            return receivers.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return the number of buffered messages */
    public int buffered() {
        lock.lock();
        try {
            return buffer == null ? 0 : buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return "rendezvous", "bounded(n)" or "unbounded" */
    public String kind() {
        return capacity == 0 ? "rendezvous" : capacity == UNBOUNDED ? "unbounded" : "bounded(" + capacity + ")";
    }

    @Override
    public String toString() {
        int b, s, r;
        lock.lock();
        try {
            b = buffer == null ? 0 : buffer.size();
            s = senders.size();
            r = receivers.size();
        } finally {
            lock.unlock();
        }
        return "Channel#" + id + "[" + kind() + ", " + (closed ? "closed" : "open") + ", buffered=" + b
                + ", waiting senders=" + s + ", waiting receivers=" + r + "]";
    }
}
