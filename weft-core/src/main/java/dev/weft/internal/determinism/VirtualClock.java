package dev.weft.internal.determinism;

import dev.weft.internal.kernel.KernelClock;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Deterministic mode's clock: time stands still while any task can run, and jumps to the next
 * timer when every task is blocked (Go synctest's rule; Trio's {@code MockClock}, Tokio's paused
 * clock). {@code Task.sleep}, timed channel operations, select timeouts and timed joins all park
 * here, so they follow virtual time; JDK timers ({@code Thread.sleep}) do not.
 *
 * <p>Timers are ordered by deadline, then by creation order, so equal deadlines fire in a
 * replayable order. Only the kernel's tasks use it (on the single thread of the deterministic
 * loop); the monitor is there for safety, not for contention.
 */
public final class VirtualClock implements KernelClock {
    private record Timer(long deadline, long seq, Thread thread) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long seq;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void parkNanos(Object blocker, long nanos) {
        Timer t;
        synchronized (this) {
            long deadline = now + nanos;
            t = new Timer(deadline < now ? Long.MAX_VALUE : deadline, seq++, Thread.currentThread());
            timers.add(t);
        }
        try {
            LockSupport.park(blocker);
        } finally {
            synchronized (this) {
                timers.remove(t); // woken early (unpark, kill): the timer is void
            }
        }
    }

    /**
     * Every task is blocked: jump to the earliest timer and wake every thread whose deadline it is.
     *
     * @return whether there was a timer
     */
    synchronized boolean advanceToNextTimer() {
        Timer first = timers.peek();
        if (first == null) {
            return false;
        }
        now = Math.max(now, first.deadline());
        while (!timers.isEmpty() && timers.peek().deadline() <= now) {
            LockSupport.unpark(timers.poll().thread());
        }
        return true;
    }

    /** @return whether any weft timer is pending */
    synchronized boolean hasTimers() {
        return !timers.isEmpty();
    }

    @Override
    public String toString() {
        return "VirtualClock[now=" + nanoTime() + "ns]";
    }
}
