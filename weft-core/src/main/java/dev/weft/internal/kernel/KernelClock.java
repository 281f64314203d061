package dev.weft.internal.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * The kernel-owned clock behind {@code Task.sleep} and every weft timeout (DESIGN.md, "Seams").
 * Normal kernels use {@link #SYSTEM}; deterministic mode substitutes a virtual clock that jumps to
 * the next timer when every task is blocked.
 */
public interface KernelClock {
    /** @return now, in nanoseconds (only differences mean anything) */
    long nanoTime();

    /**
     * Parks the calling thread for up to {@code nanos} on this clock, or until unparked.
     *
     * @param blocker shown in thread dumps
     * @param nanos   positive
     */
    void parkNanos(Object blocker, long nanos);

    /** Real time: {@link System#nanoTime()} and {@link LockSupport#parkNanos}. */
    KernelClock SYSTEM = new KernelClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(Object blocker, long nanos) {
            LockSupport.parkNanos(blocker, nanos);
        }

        @Override
        public String toString() {
            return "KernelClock.SYSTEM";
        }
    };
}
