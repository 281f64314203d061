package dev.weft.internal.channel;

/**
 * One waiting operation in one channel's queue of senders or receivers: a plain {@code send} or
 * {@code receive} that has to wait (then it is its own {@link Parker}), or one clause of a
 * select that has to wait (then its parker is the shared {@link Selection}).
 *
 * <h2>Field ownership</h2>
 * <table>
 * <caption>who writes what</caption>
 * <tr><td>owner, clause, channel, sender, thread</td><td>final</td></tr>
 * <tr><td>item</td><td>a sender's message: its own thread, before it is queued (final in effect).
 *     A receiver's slot: the counterpart that claims it, before {@link #tryClaim()}; read by the
 *     receiver after it sees the claim</td></tr>
 * <tr><td>prev, next, queued</td><td>the channel's lock holder ({@link WaitQueue})</td></tr>
 * <tr><td>closed</td><td>{@code close()} under the channel's lock, before it wakes the owner;
 *     volatile, read by the owner without the lock</td></tr>
 * </table>
 * A waiter is queued at most once and never again once it leaves its queue (by a claim, a
 * close, or its owner removing it).
 */
final class Waiter extends Parker {
    /** Whose fate a claim decides: {@code this} for a plain operation, else the selection. */
    final Parker owner;
    /** The clause index a claim records in {@link #owner}: 0 for a plain operation. */
    final int clause;
    /** The channel whose queue it is in (the one whose lock guards its links). */
    final ChannelCore<?> channel;
    /** Whether it waits to send (queued in the channel's senders) or to receive. */
    final boolean sender;

    Object item;

    Waiter prev;
    Waiter next;
    boolean queued;

    volatile boolean closed;

    /**
     * @param selection the select it is a clause of, or null for a plain operation
     * @param clause    its clause index in the select (0 for a plain operation)
     * @param channel   where it waits
     * @param item      the message of a sender, null for a receiver
     */
    Waiter(Selection selection, int clause, ChannelCore<?> channel, Object item) {
        super(Thread.currentThread());
        this.owner = selection != null ? selection : this;
        this.clause = clause;
        this.channel = channel;
        this.sender = item != null;
        this.item = item;
    }

    /** @return whether it may still be claimed (its owner is still waiting) */
    boolean isLive() {
        return owner.isWaiting();
    }

    /** @return whether it belongs to {@code selection} (a select never matches itself) */
    boolean belongsTo(Selection selection) {
        return selection != null && owner == selection;
    }

    /**
     * Claims this waiter's clause in its owner (see {@link Parker}); the caller holds this
     * waiter's channel lock.
     */
    boolean tryClaim() {
        return owner.tryClaim(clause);
    }

    /** A plain waiter is claimed only under its one channel's lock, which the caller holds. */
    @Override
    boolean tryClaim(int clause) {
        return setStateLocked(clause);
    }

    /**
     * A plain waiter gives up; the caller (its own thread) holds its channel's lock.
     *
     * @return whether it won: false if a counterpart claimed it first
     */
    boolean cancelLocked() {
        return setStateLocked(CANCELLED);
    }

    /** Wakes its owner's thread. */
    void wakeOwner() {
        owner.unpark();
    }
}
