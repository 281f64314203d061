package dev.weft;

import dev.weft.internal.channel.ChannelCore;
import dev.weft.internal.task.Blocking;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel: tasks (and plain threads) pass messages through it, first in, first out per sender.
 *
 * <ul>
 * <li>{@link #rendezvous()}: no buffer; a send waits until a receiver takes the message.
 * <li>{@link #bounded(int)}: up to {@code capacity} messages wait in the channel; a send waits
 *     while it is full.
 * <li>{@link #unbounded()}: a send never waits.
 * </ul>
 *
 * <p><b>Nothing is lost.</b> A message is received exactly once, or its send reports that it was
 * not delivered: {@link ChannelClosedException}, {@code false}, {@link TaskKilledException} or
 * {@link TaskInterruptedException}. A send that returns normally (or {@code true}) has delivered
 * its message: to a receiver, or into the buffer, where it stays receivable even after
 * {@link #close()}. Messages from one sender are received in the order it sent them.
 *
 * <p><b>Blocking.</b> {@link #send}, {@link #receive}, their timed forms and iteration are weft
 * blocking calls: inside a task they park the task's virtual thread (its carrier runs other
 * tasks); a killed task's call throws {@link TaskKilledException} at once, and a task blocked in
 * one wakes at once when killed; a plain interrupt makes the call throw {@link
 * TaskInterruptedException} (the interrupt flag stays set). Either way nothing was sent or
 * received, unless the operation completed just before: then the call returns normally and the
 * kill lands at the next weft call. Timeouts use the kernel's clock. {@link #trySend} and {@link
 * #tryReceive} never wait, so they do not check for kills.
 *
 * <p>Null messages are refused ({@link NullPointerException}). Any number of threads and tasks,
 * on any schedulers, may use one channel at once.
 *
 * @param <T> the message type
 */
public final class Channel<T> implements Iterable<T> {
    private final ChannelCore<T> core;

    private Channel(int capacity) {
        this.core = new ChannelCore<>(capacity);
    }

    /** @return a new channel with no buffer: {@link #send} waits until a receiver takes the message */
    public static <T> Channel<T> rendezvous() {
        return new Channel<>(0);
    }

    /**
     * @param capacity how many messages may wait in the channel; at least 1
     * @return a new channel holding up to {@code capacity} messages
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a bounded channel needs a capacity of at least 1, got bounded(" + capacity + ")");
        }
        return new Channel<>(capacity);
    }

    /** @return a new channel whose sends never wait */
    public static <T> Channel<T> unbounded() {
        return new Channel<>(ChannelCore.UNBOUNDED);
    }

    /**
     * Sends a message, waiting for room (bounded) or for a receiver (rendezvous).
     *
     * @param message not null
     * @throws ChannelClosedException   if the channel is closed, or closes while this waits: the
     *                                  message was not delivered
     * @throws TaskKilledException      if the calling task is killed (not delivered)
     * @throws TaskInterruptedException if the calling thread is interrupted (not delivered)
     */
    public void send(T message) {
        core.send(Objects.requireNonNull(message, "message"), false, 0);
    }

    /**
     * Sends a message if that needs no waiting: there is room in the buffer, or (rendezvous) a
     * receiver is waiting.
     *
     * @param message not null
     * @return whether it was delivered
     * @throws ChannelClosedException if the channel is closed (not delivered)
     */
    public boolean trySend(T message) {
        return core.trySend(Objects.requireNonNull(message, "message"));
    }

    /**
     * Sends a message, waiting at most {@code timeout}.
     *
     * @param message not null
     * @param timeout not negative; zero means "only if it can be done at once"
     * @return true if delivered; false if the timeout passed first (not delivered)
     * @throws ChannelClosedException   if the channel is closed, or closes while this waits
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TaskKilledException      if the calling task is killed (not delivered)
     * @throws TaskInterruptedException if the calling thread is interrupted (not delivered)
     */
    public boolean send(T message, Duration timeout) {
        Objects.requireNonNull(message, "message");
        long deadline = Blocking.deadlineAfter(timeout, "send timeout");
        return core.send(message, true, deadline);
    }

    /**
     * Receives the next message, waiting for one.
     *
     * @return the message
     * @throws ChannelClosedException   if the channel is closed and drained, or closes while this waits
     * @throws TaskKilledException      if the calling task is killed (nothing received)
     * @throws TaskInterruptedException if the calling thread is interrupted (nothing received)
     */
    public T receive() {
        return unwrap(core.receive(false, 0));
    }

    /**
     * Receives a message if one is there (buffered, or offered by a waiting sender).
     *
     * @return the message, or empty (also when the channel is closed and drained)
     */
    @SuppressWarnings("unchecked")
    public Optional<T> tryReceive() {
        return Optional.ofNullable((T) core.tryReceive());
    }

    /**
     * Receives the next message, waiting at most {@code timeout}.
     *
     * @param timeout not negative; zero means "only if one is there now"
     * @return the message, or empty if the timeout passed first
     * @throws ChannelClosedException   if the channel is closed and drained, or closes while this waits
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TaskKilledException      if the calling task is killed (nothing received)
     * @throws TaskInterruptedException if the calling thread is interrupted (nothing received)
     */
    public Optional<T> receive(Duration timeout) {
        long deadline = Blocking.deadlineAfter(timeout, "receive timeout");
        Object m = core.receive(true, deadline);
        return m == null ? Optional.empty() : Optional.of(unwrap(m));
    }

    /**
     * Closes the channel. Idempotent. Later sends throw {@link ChannelClosedException}; buffered
     * messages stay receivable, and receives throw once they are drained. Waiting senders throw
     * (their messages are not delivered) and waiting receivers throw.
     */
    public void close() {
        core.close();
    }

    /** @return whether {@link #close()} has been called */
    public boolean isClosed() {
        return core.isClosed();
    }

    /**
     * An iterator that receives: {@code hasNext()} waits for the next message and returns false
     * once the channel is closed and drained. Each message goes to one iterator or receiver only.
     * {@code hasNext()} is a weft blocking call (it throws {@link TaskKilledException} and {@link
     * TaskInterruptedException} like {@link #receive()}).
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = core.receive(false, 0);
                }
                return next != ChannelCore.CLOSED;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the channel is closed and drained: " + core);
                }
                T m = (T) next;
                next = null;
                return m;
            }

            @Override
            public String toString() {
                return "Channel.iterator[" + core + "]";
            }
        };
    }

    /** For {@link Select}. */
    ChannelCore<T> core() {
        return core;
    }

    @SuppressWarnings("unchecked")
    private T unwrap(Object m) {
        if (m == ChannelCore.CLOSED) {
            throw core.closedOnReceive();
        }
        return (T) m;
    }

    /** @return e.g. {@code Channel#3[bounded(64), open, buffered=2, waiting senders=0, waiting receivers=0]} */
    @Override
    public String toString() {
        return core.toString();
    }
}
