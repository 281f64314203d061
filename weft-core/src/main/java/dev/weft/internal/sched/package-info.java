/**
 * Schedulers: run queues, carriers, the scheduler life cycle.
 *
 * <h2>Implementation overview</h2>
 * A {@code SchedulerImpl} is a {@code RunQueue} (the picking-policy seam) plus {@code Carrier}s.
 * Items in the queue are {@code QueueItem}s: a task queued as itself (a task switch allocates
 * nothing of weft's beyond the queue node), or a {@code GuestRun} for a guest virtual thread. A
 * carrier loop takes an item, runs it, and parks when there is none (I9; the parking protocol is
 * in {@code Carrier}). The scheduler's life cycle and the one atomic word that makes "admit a
 * spawn" and "exit when closed and empty" exclusive (I5, I7) are in {@code SchedulerImpl}.
 * Tests: {@code SchedulerLifecycleTest}, {@code JdkBehaviourTest}, {@code ConcurrentSpawnTest}.
 */
package dev.weft.internal.sched;
