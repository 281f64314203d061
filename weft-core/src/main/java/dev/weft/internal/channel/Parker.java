package dev.weft.internal.channel;

import dev.weft.internal.task.Blocking;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A thread that waits in a channel operation or a select, and the one CAS that decides how its
 * wait ends. A plain operation is its own parker (a {@link Waiter}); a select is one parker
 * ({@link Selection}) shared by the waiters of all its clauses.
 *
 * <h2>State ({@code state})</h2>
 * <pre>
 * WAITING --tryClaim(i), by a counterpart holding the lock of clause i's channel--> i (>= 0)
 * WAITING --tryCancel(), by the waiting thread itself (timeout, kill, interrupt, closed)--> CANCELLED
 * </pre>
 * Both edges are CASes from WAITING: exactly one wins, and the winner decides the outcome. A claim
 * means the operation happened (the message was handed over); a cancel means it did not. So a
 * waiter that is killed but loses the cancel race returns normally: "received" if and only if
 * "send returned normally" (see {@code ChannelStressTest}). The states never change again.
 */
class Parker {
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

    /** WAITING, CANCELLED, or the claimed clause. Written only by the CASes below. */
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
     * A counterpart claims clause {@code clause}: the operation of that clause happens. Whatever
     * the counterpart hands over (a received message) must be written before this call; the CAS
     * publishes it (pairs with the volatile read in {@link #state()} by the waiting thread).
     *
     * @return whether this call won
     */
    final boolean tryClaim(int clause) {
        return STATE.compareAndSet(this, WAITING, clause);
    }

    /**
     * The waiting thread gives up. Loses only to a claim that already happened.
     *
     * @return whether this call won (the operation did not happen and never will)
     */
    final boolean tryCancel() {
        return STATE.compareAndSet(this, WAITING, CANCELLED);
    }

    /** Wakes the waiting thread. Callers hold no channel lock (a wake-up submits to a scheduler). */
    final void unpark() {
        Blocking.unpark(thread);
    }
}
