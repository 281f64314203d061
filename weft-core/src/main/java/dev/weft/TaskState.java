package dev.weft;

/**
 * Where a task is in its life. Observed with {@link TaskHandle#state()} and {@link Kernel#tasks()};
 * a snapshot that may be stale by the time it is read.
 *
 * <pre>
 * NEWBORN  --first run on a carrier-->            RUNNING
 * RUNNING  --park (join, channel, sleep, lock)--> BLOCKED
 * RUNNING  --yield, or woken while running-->     RUNNABLE
 * BLOCKED  --woken (unpark, timer, I/O)-->        RUNNABLE
 * RUNNABLE --taken by a carrier-->                RUNNING
 * RUNNING  --body ended, reaped by its carrier--> DEAD
 * NEWBORN  --killed before it ran, reaped-->      DEAD
 * </pre>
 */
public enum TaskState {
    /** Spawned; its body has not started yet. Alive, found by {@link Kernel#lookup}. */
    NEWBORN,
    /** Waiting in its scheduler's run queue for a carrier. */
    RUNNABLE,
    /** Running on a carrier thread. */
    RUNNING,
    /** Parked: waiting in a weft call (join, channel, sleep) or a JDK blocking call. */
    BLOCKED,
    /** Ended and reaped: its outcome is published and it no longer counts anywhere. */
    DEAD
}
