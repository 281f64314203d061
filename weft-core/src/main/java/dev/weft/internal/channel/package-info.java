/**
 * Channels and select: the machinery behind {@code dev.weft.Channel} and {@code dev.weft.Select}.
 *
 * <h2>Implementation overview</h2>
 * <pre>
 * ChannelCore   one channel: buffer + waiting senders + waiting receivers + closed, one lock
 * WaitQueue     an intrusive FIFO of waiters (guarded by its channel's lock)
 * Waiter        one waiting operation in one queue: a plain send/receive, or one select clause
 * Parker        the waiting thread and the one state edge that decides its fate
 * Selection     one select() call: lock all its channels in id order, pick a ready clause at
 *               random or queue one waiter per clause, then wait for one claim
 * </pre>
 *
 * <h3>The waiter protocol (who may move each state)</h3>
 * <pre>
 * Parker.state  WAITING --tryClaim(i)-->  i >= 0     by a counterpart, holding the lock of the
 *                                                    channel where the claimed waiter is queued;
 *                                                    it first takes the waiter out of the queue and
 *                                                    (for a receiver) writes the message into it
 *               WAITING --cancel-------->  CANCELLED  by the waiting thread only: timeout, kill,
 *                                                    interrupt, or (select) every clause closed
 *   A plain send/receive waits in one channel: both edges happen under that channel's lock
 *   (check, then release store). A select waits in several: both edges are CASes.
 * Waiter.queued false --add--> true --remove/closeAll--> false    (under the channel lock; once)
 * Waiter.closed false --closeAll--> true                          (under the channel lock; once)
 * ChannelCore.closed false --close()--> true                      (under the channel lock; once)
 * </pre>
 * That one state edge is the single point that decides whether an operation happened: a claim
 * means the message moved (a waiting sender's message into a receiver or the buffer; a message into a
 * waiting receiver); a cancel means it did not and never will. So for every message, "received"
 * holds if and only if "its send returned normally / true", even when the sender or receiver is
 * killed, interrupted or times out at the same moment (the loser of the race reports what the
 * winner decided). Unparks happen only after the lock is released.
 *
 * <h3>Locks</h3>
 * One {@link java.util.concurrent.locks.ReentrantLock} per channel, held for a few field writes
 * and at most a CAS per select waiter met (no allocation but a waiter, no unpark, no user code, no blocking). A plain
 * operation takes one; a select takes all of its channels' locks in {@code ChannelCore.id} order
 * (the only place two are held), then releases them before it parks; removing a select's
 * leftover waiters takes one lock at a time. So lock cycles cannot form.
 *
 * <h3>Where the claims are checked</h3>
 * {@code ChannelContractTest} (and its subclasses per kind) for the semantics, the
 * {@code *ChannelLincheckTest}s for the linearizability of the non-blocking operations and close,
 * {@code ChannelStressTest} for conservation (acknowledged sends == receipts, no duplicates,
 * per-sender FIFO) under random kills, interrupts, timeouts and closes, and {@code SelectTest}.
 */
package dev.weft.internal.channel;
