package dev.weft.internal.task;

import dev.weft.TaskBody;
import dev.weft.TaskInterruptedException;
import dev.weft.internal.kernel.KernelClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * How every weft blocking call waits: join, await, sleep, yieldNow, channels, select, and the
 * termination waits. Tasks and plain threads alike.
 *
 * <p>The rules (API.md, "Kill is cooperative and sticky"; DESIGN.md on kill and interrupts):
 * <ol>
 * <li>Before parking and after every wake-up, a killed task throws
 *     {@link dev.weft.TaskKilledException} ({@link TaskImpl#throwIfKilled()}). Kill interrupts the
 *     task's virtual thread, which unparks it, so a blocked call wakes at once.
 * <li>A kill leaves the interrupt flag set, and {@code park} returns at once while it is set: so
 *     rule 1 runs before every park, and inside {@code unkillable} the kill's interrupt is consumed
 *     (and restored when the section ends) instead of spinning.
 * <li>A plain interrupt (no kill) makes the call throw {@link TaskInterruptedException}; the flag
 *     stays set; nothing is killed.
 * <li>Timed waits use the kernel's clock ({@link KernelClock}), so deterministic mode can make
 *     time virtual.
 * </ol>
 * Callers loop: {@link #park} may return spuriously.
 */
public final class Blocking {
    private Blocking() {
    }

    /** @return the calling task's kernel clock, or the system clock outside a task */
    public static KernelClock clock() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        return t != null ? t.kernel().clock() : KernelClock.SYSTEM;
    }

    /** @return now, in nanoseconds, on {@link #clock()} */
    public static long now() {
        return clock().nanoTime();
    }

    /**
     * Validates a wait duration and turns it into a deadline on {@link #clock()}.
     *
     * @param timeout the duration; not null, not negative
     * @param what    what the duration is for, for the error message
     * @return the deadline (saturating at {@code Long.MAX_VALUE})
     */
    public static long deadlineAfter(Duration timeout, String what) {
        long nanos = toNanos(timeout, what);
        long now = now();
        long deadline = now + nanos;
        return deadline < now ? Long.MAX_VALUE : deadline;
    }

    /**
     * @param d    a wait duration
     * @param what what it is for
     * @return its nanoseconds, saturated
     * @throws NullPointerException     if null
     * @throws IllegalArgumentException if negative
     */
    public static long toNanos(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** Rules 1 and 3, for the calling thread: throws if killed or plainly interrupted. */
    public static void beforeWait() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t != null) {
            t.throwIfKilled();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new TaskInterruptedException(Thread.currentThread().getName() + " was interrupted while waiting in weft");
        }
    }

    /**
     * Parks until unparked (or spuriously), checking kill and interrupt before and after.
     *
     * @param blocker shown in thread dumps
     */
    public static void park(Object blocker) {
        beforeWait();
        LockSupport.park(blocker);
        beforeWait();
    }

    /**
     * Parks until unparked, spuriously, or {@code deadline} on the kernel clock.
     *
     * @param blocker  shown in thread dumps
     * @param deadline on {@link #clock()}
     * @return false if the deadline had already passed (nothing parked), true otherwise
     */
    public static boolean parkUntil(Object blocker, long deadline) {
        beforeWait();
        KernelClock clock = clock();
        long left = deadline - clock.nanoTime();
        if (left <= 0) {
            return false;
        }
        clock.parkNanos(blocker, left);
        beforeWait();
        return true;
    }

    /** Unparks a waiting thread (task or plain). */
    public static void unpark(Thread t) {
        LockSupport.unpark(t);
    }

    /** {@code Task.checkKilled()}: rule 1 only. */
    public static void checkKilled() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t != null) {
            t.throwIfKilled();
        }
    }

    /** {@code Task.yieldNow()}. */
    public static void yieldNow() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t != null) {
            t.throwIfKilled();
        }
        Thread.yield();
    }

    /** {@code Task.sleep(d)}: the kernel clock inside a task, {@code Thread.sleep} outside. */
    public static void sleep(Duration d) {
        long nanos = toNanos(d, "sleep duration");
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t == null) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskInterruptedException(Thread.currentThread().getName() + " was interrupted in Task.sleep(" + d + ")");
            }
            return;
        }
        KernelClock clock = t.kernel().clock();
        long now = clock.nanoTime();
        long deadline = now + nanos;
        if (deadline < now) {
            deadline = Long.MAX_VALUE; // overflow (nanos >= 0); a negative clock reading is not one
        }
        t.throwIfKilled();
        while (parkUntil(Blocking.class, deadline)) {
            // woken early (spuriously or by an unrelated unpark): sleep on
        }
    }

    /** {@code Task.unkillable(body)}: kill and linked failure deferred while the body runs. */
    public static <T> T unkillable(TaskBody<T> body) {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        if (t == null) {
            return callSneaky(body);
        }
        t.enterUnkillable();
        try {
            return callSneaky(body);
        } finally {
            t.exitUnkillable();
        }
    }

    /** Runs a body, rethrowing its exception unchanged (checked or not). */
    static <T> T callSneaky(TaskBody<T> body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw Blocking.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
