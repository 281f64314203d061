package dev.weft.internal.channel;

import dev.weft.internal.task.Blocking;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A thread that waits in a channel operation or a select, and the state that decides how its
 * wait ends. A plain operation is its own parker (a {@link Waiter}); a select is one parker
 * ({@link Selection}) shared by the waiters of all its clauses.
 *
 * <h2>State ({@code state})</h2>
 * <pre>
 * WAITING --tryClaim(i), by a counterpart holding the lock of clause i's channel--> i (>= 0)
 * WAITING --cancel, by the waiting thread itself (timeout, kill, interrupt, closed)--> CANCELLED
 * </pre>
 * Exactly one edge is taken, and it decides the outcome: a claim means the operation happened
 * (the message was handed over); a cancel means it did not and never will. So a waiter that is
 * killed but loses the race returns normally: "received" if and only if "send returned normally"
 * (checked by {@code ChannelStressTest}). The state never changes again.
 *
 * <p>How the race is decided depends on how many channels can claim the parker:
 * <ul>
 * <li>a plain operation waits in one channel, so both edges are taken under that channel's lock
 *     (the claimer holds it; the waiter takes it to cancel, which it must do anyway to leave the
 *     queue): a plain check and a release store, no CAS ({@link Waiter});
 * <li>a select waits in several channels at once, whose locks its claimers do not share: both
 *     edges are CASes from WAITING ({@link Selection}).
 * </ul>
 * Either way the claimer writes what it hands over (a receiver's message) before its claim, and
 * the waiter reads it after seeing the claim with a volatile read: release/acquire.
 */
abstract class Parker {
    /** Still waiting: anyone may claim it; its owner may cancel it. */
    static final int WAITING = -1;
    /** The waiter gave up: no clause happened. */
    static final int CANCELLED = -2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The waiting thread (a task's virtual thread or a plain thread). */
    final Thread thread;

    /** WAITING, CANCELLED, or the claimed clause. Written only through the methods below. */
    private volatile int state = WAITING;

    Parker(Thread thread) {
        this.thread = thread;
    }

    /** @return WAITING, CANCELLED, or the claimed clause index */
    final int state() {
        return state;
    }

    /** @return whether nobody has decided this wait yet */
    final boolean isWaiting() {
        return state == WAITING;
    }

    /**
     * A counterpart claims clause {@code clause}: the operation of that clause happens. The
     * caller holds the lock of the channel where the claimed waiter is queued, and has written
     * what it hands over.
     *
     * @return whether this call won (false: the parker was already decided)
     */
    abstract boolean tryClaim(int clause);

    /** Moves WAITING to {@code to} by CAS: for parkers that several locks can reach. */
    final boolean casState(int to) {
        return STATE.compareAndSet(this, WAITING, to); // pairs with the volatile read in state()
    }

    /** Moves WAITING to {@code to} when the caller's lock already excludes every other writer. */
    final boolean setStateLocked(int to) {
        if (state != WAITING) {
            return false;
        }
        STATE.setRelease(this, to); // publishes the handed-over message; pairs with state()
        return true;
    }

    /** Wakes the waiting thread. Callers hold no channel lock (a wake-up submits to a scheduler). */
    final void unpark() {
        Blocking.unpark(thread);
    }
}
