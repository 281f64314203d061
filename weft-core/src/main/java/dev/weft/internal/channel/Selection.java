package dev.weft.internal.channel;

import dev.weft.ChannelClosedException;
import dev.weft.internal.task.Blocking;
import dev.weft.internal.task.TaskImpl;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * One {@code select()} call in progress: it fires exactly one of its clauses (receive from a
 * channel, send to a channel, or time out) and is the {@link Parker} that all its waiters share,
 * so that one CAS ({@code WAITING -> clause}) decides which clause happened.
 *
 * <h2>Protocol (after Go's {@code selectgo})</h2>
 * <ol>
 * <li>{@link Blocking#beforeWait()}: a killed or interrupted caller throws; nothing fired.
 * <li>Lock every distinct channel of the clauses, in {@link ChannelCore#id} order (so two
 *     selects, or a select and a plain operation that takes one lock, never deadlock).
 * <li>Pass 1, under all the locks: count the ready clauses and the closed ones; pick one ready
 *     clause uniformly at random with the kernel's random source, and do it. With all the locks
 *     held and none of our waiters queued anywhere, no one can change a buffer or claim us, so
 *     only counterparts dying elsewhere can make the attempt fail: then count again.
 * <li>Nothing ready: every clause closed and no timeout: throw {@link ChannelClosedException};
 *     the timeout already passed: fire it. Otherwise pass 2, still under all the locks: queue
 *     one {@link Waiter} per open clause. Unlock (in reverse order) and unpark the counterpart
 *     of pass 1, if any.
 * <li>Wait until a counterpart claims a clause ({@code WAITING -> i}, under that clause's channel
 *     lock; a receive clause's message is in its waiter), or the deadline passes, or every
 *     clause is closed (without timeout), or the task is killed or interrupted. All but a claim
 *     go through a CAS to CANCELLED; losing it means a clause happened first, which then fires:
 *     a select that throws has fired nothing.
 * <li>Take the remaining waiters out of their queues, one channel lock at a time. (Until then a
 *     counterpart that meets one finds it dead and drops it.)
 * </ol>
 * Because a select's waiters are queued only after its pass 1 and it claims nothing afterwards,
 * a select can never match its own send clause with its own receive clause; the queues skip a
 * select's own waiters anyway ({@link WaitQueue#firstLive}).
 *
 * <h2>Field ownership</h2>
 * All fields but the inherited {@code state} belong to the selecting thread. Counterparts touch
 * only {@code state} (the claim CAS) and, under their channel's lock, the waiters.
 */
public final class Selection extends Parker {
    /** What {@link #run()} returns when the timeout clause fires. */
    public static final int TIMED_OUT = -1;
    /** Returned by {@link #passes()} when the waiters are queued. */
    private static final int WAIT = -2;

    private final ChannelCore<?>[] channels;
    private final Object[] messages;
    private final ChannelCore<?>[] lockOrder;
    private final boolean timed;
    private final long deadline;

    private Waiter[] waiters;
    private int closedAtRegistration;
    private Waiter toWake;
    private Object received;

    /**
     * @param channels  each clause's channel
     * @param messages  each send clause's message; null for receive clauses
     * @param lockOrder {@link #lockOrder(ChannelCore[])} of {@code channels}
     * @param timed     whether there is a timeout clause
     * @param deadline  the timeout clause's deadline on {@link Blocking#clock()}, if timed
     */
    public Selection(ChannelCore<?>[] channels, Object[] messages, ChannelCore<?>[] lockOrder, boolean timed,
                     long deadline) {
        super(Thread.currentThread());
        this.channels = channels;
        this.messages = messages;
        this.lockOrder = lockOrder;
        this.timed = timed;
        this.deadline = deadline;
    }

    /**
     * @param channels the clauses' channels, duplicates allowed
     * @return the distinct channels, by increasing {@link ChannelCore#id}: the lock order
     */
    public static ChannelCore<?>[] lockOrder(ChannelCore<?>[] channels) {
        ChannelCore<?>[] sorted = channels.clone();
        Arrays.sort(sorted, (a, b) -> Long.compare(a.id, b.id));
        int n = 0;
        for (ChannelCore<?> c : sorted) {
            if (n == 0 || sorted[n - 1] != c) {
                sorted[n++] = c;
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    /**
     * Runs the selection on the calling thread.
     *
     * @return the index of the clause that happened, or {@link #TIMED_OUT}
     * @throws ChannelClosedException if every clause is closed and there is no timeout
     */
    public int run() {
        Blocking.beforeWait();
        int fired = passes();
        if (toWake != null) {
            toWake.wakeOwner();
            toWake = null;
        }
        return fired != WAIT ? fired : awaitDecision();
    }

    /** Steps 2 to 4. @return the clause done in pass 1, TIMED_OUT, or WAIT */
    private int passes() {
        int n = channels.length;
        RandomGenerator random = null;
        lockAll();
        try {
            for (;;) {
                int ready = 0, closed = 0;
                for (int i = 0; i < n; i++) {
                    int r = readiness(i);
                    if (r == ChannelCore.READY) {
                        ready++;
                    } else if (r == ChannelCore.CLOSED_CLAUSE) {
                        closed++;
                    }
                }
                if (ready > 0) {
                    int k = 0;
                    if (ready > 1) {
                        if (random == null) {
                            random = random();
                        }
                        k = random.nextInt(ready);
                    }
                    int i = kthReady(k);
                    if (i >= 0 && attempt(i)) {
                        return i;
                    }
                    continue; // the counterpart we saw was claimed elsewhere meanwhile: look again
                }
                if (closed == n && !timed) {
                    throw allClosed();
                }
                if (timed && deadline - Blocking.now() <= 0) {
                    return TIMED_OUT;
                }
                register(closed);
                return WAIT;
            }
        } finally {
            unlockAll();
        }
    }

    private int readiness(int i) {
        return messages[i] == null ? channels[i].receiveReadinessLocked(this) : channels[i].sendReadinessLocked(this);
    }

    private int kthReady(int k) {
        for (int i = 0; i < channels.length; i++) {
            if (readiness(i) == ChannelCore.READY && k-- == 0) {
                return i;
            }
        }
        return -1;
    }

    private boolean attempt(int i) {
        if (messages[i] != null) {
            return channels[i].offerLocked(this, messages[i]);
        }
        Object m = channels[i].pollLocked(this);
        if (m == null) {
            return false;
        }
        received = m;
        return true;
    }

    private void register(int closed) {
        int n = channels.length;
        Waiter[] ws = new Waiter[n];
        for (int i = 0; i < n; i++) {
            ChannelCore<?> c = channels[i];
            if (c.isClosedLocked()) {
                continue; // nothing was ready, so a closed channel's clause is closed: it never fires
            }
            Waiter w = new Waiter(this, i, c, messages[i]);
            c.enqueueLocked(w);
            ws[i] = w;
        }
        waiters = ws;
        closedAtRegistration = closed;
    }

    /** Step 5. */
    private int awaitDecision() {
        for (;;) {
            int s = state();
            if (s >= 0) {
                removeWaiters();
                if (messages[s] == null) {
                    received = waiters[s].item; // written before the claim CAS we just read
                }
                return s;
            }
            if (!timed && allClauseClosed()) {
                if (tryCancel()) {
                    removeWaiters();
                    throw allClosed();
                }
                continue;
            }
            boolean inTime = true;
            try {
                if (timed) {
                    inTime = Blocking.parkUntil(this, deadline);
                } else {
                    Blocking.park(this);
                }
            } catch (Throwable killedOrInterrupted) {
                if (tryCancel()) {
                    removeWaiters();
                    throw killedOrInterrupted;
                }
                continue; // a clause was claimed first: it fires
            }
            if (!inTime && tryCancel()) {
                removeWaiters();
                return TIMED_OUT;
            }
        }
    }

    private boolean allClauseClosed() {
        int closed = closedAtRegistration;
        for (Waiter w : waiters) {
            if (w != null && w.closed) {
                closed++;
            }
        }
        return closed == channels.length;
    }

    /** Step 6: one channel lock at a time. */
    private void removeWaiters() {
        for (Waiter w : waiters) {
            // A racy read: only we set it true (before parking), others only set it false, so
            // false is final and true is re-checked under the lock.
            if (w != null && w.queued) {
                w.channel.remove(w);
            }
        }
    }

    /** A select's waiters sit in several channels, whose locks its claimers do not share: CAS. */
    @Override
    boolean tryClaim(int clause) {
        return casState(clause);
    }

    /** The selecting thread gives up: wins unless a clause was claimed first. */
    private boolean tryCancel() {
        return casState(CANCELLED);
    }

    /** @return the message of the receive clause that fired */
    public Object received() {
        return received;
    }

    /** Called by a channel, under its lock, when pass 1 claimed a counterpart: wake it later. */
    void wakeAfterUnlocking(Waiter w) {
        toWake = w;
    }

    private void lockAll() {
        for (ChannelCore<?> c : lockOrder) {
            c.lock();
        }
    }

    private void unlockAll() {
        for (int i = lockOrder.length - 1; i >= 0; i--) {
            lockOrder[i].unlock();
        }
    }

    /** The kernel's random source (deterministic mode seeds it); ThreadLocalRandom outside a task. */
    private static RandomGenerator random() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        return t != null ? t.kernel().random() : ThreadLocalRandom.current();
    }

    private ChannelClosedException allClosed() {
        return new ChannelClosedException("select: every clause is closed and there is no timeout clause ("
                + channels.length + " channel clause(s) on " + Arrays.toString(lockOrder) + ")");
    }

    @Override
    public String toString() {
        return "Selection[" + channels.length + " clause(s), state=" + state() + "]";
    }
}
