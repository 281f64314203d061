package dev.weft;

import dev.weft.internal.channel.ChannelCore;
import dev.weft.internal.channel.Selection;
import dev.weft.internal.task.Blocking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits on several channel operations at once and does exactly one of them.
 *
 * <pre>{@code
 * String picked = Select.<String>create()
 *         .onReceive(requests, msg -> "got " + msg)
 *         .onSend(replies, "pong", () -> "sent")
 *         .onTimeout(Duration.ofMillis(10), () -> "timeout")
 *         .select();
 * }</pre>
 *
 * <p>{@link #select()} does exactly one clause and returns what that clause's function returns:
 * <ul>
 * <li>When several clauses are ready, one is picked uniformly at random, from the kernel's random
 *     source inside a task (so deterministic mode reproduces the choice), else from
 *     {@link java.util.concurrent.ThreadLocalRandom}.
 * <li>Otherwise it waits until one becomes ready (as a {@link Channel#receive()} or {@link
 *     Channel#send} would) or the timeout passes (measured from the {@code select()} call, on the
 *     kernel's clock).
 * <li>A receive clause on a closed and drained channel never fires; a send clause on a closed
 *     channel never fires either (its message is not delivered). They count as closed. If every
 *     clause is closed and there is no timeout clause, {@code select()} throws {@link
 *     ChannelClosedException}; with a timeout clause it waits for the timeout.
 * <li>A select never matches its own send clause with its own receive clause on one channel.
 * <li>{@code select()} is a weft blocking call: a killed task throws {@link TaskKilledException},
 *     an interrupted thread {@link TaskInterruptedException}. A select that throws has done no
 *     clause (no message received or delivered). An exception thrown by the fired clause's
 *     function propagates after its operation happened.
 * </ul>
 *
 * <p>A {@code Select} is a builder owned by one thread; {@link #select()} may be called again
 * (each call fires one clause).
 *
 * @param <R> what {@link #select()} returns
 */
public final class Select<R> {
    private final List<ChannelCore<?>> channels = new ArrayList<>();
    private final List<Object> messages = new ArrayList<>();
    private final List<Object> actions = new ArrayList<>();
    private Duration timeout;
    private Supplier<? extends R> onTimeout;

    private ChannelCore<?>[] channelArray;
    private Object[] messageArray;
    private ChannelCore<?>[] lockOrder;

    private Select() {
    }

    /** @return a select with no clauses yet */
    public static <R> Select<R> create() {
        return new Select<>();
    }

    /**
     * Adds a clause that receives a message from {@code channel} and maps it.
     *
     * @param channel the channel
     * @param action  what to return for the received message
     * @return this
     */
    public <T> Select<R> onReceive(Channel<T> channel, Function<? super T, ? extends R> action) {
        return add(Objects.requireNonNull(channel, "channel").core(), null, Objects.requireNonNull(action, "onReceive action"));
    }

    /**
     * Adds a clause that sends {@code message} to {@code channel}.
     *
     * @param channel the channel
     * @param message not null
     * @param action  what to return once it was delivered
     * @return this
     */
    public <T> Select<R> onSend(Channel<T> channel, T message, Supplier<? extends R> action) {
        return add(Objects.requireNonNull(channel, "channel").core(), Objects.requireNonNull(message, "message"),
                Objects.requireNonNull(action, "onSend action"));
    }

    /**
     * Adds the timeout clause: it fires if no other clause could fire within {@code timeout} of
     * the {@code select()} call. At most one per select.
     *
     * @param timeout not negative; zero fires at once unless another clause is ready
     * @param action  what to return then
     * @return this
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException    if there already is a timeout clause
     */
    public Select<R> onTimeout(Duration timeout, Supplier<? extends R> action) {
        Blocking.toNanos(timeout, "select timeout");
        Objects.requireNonNull(action, "onTimeout action");
        if (this.timeout != null) {
            throw new IllegalStateException("a select has at most one onTimeout clause; it already has onTimeout(" + this.timeout + ")");
        }
        this.timeout = timeout;
        this.onTimeout = action;
        return this;
    }

    private Select<R> add(ChannelCore<?> channel, Object message, Object action) {
        channels.add(channel);
        messages.add(message);
        actions.add(action);
        channelArray = null;
        return this;
    }

    /**
     * Does exactly one clause (see the class comment) and returns its function's result.
     *
     * @return the fired clause's result
     * @throws IllegalArgumentException if the select has no clause
     * @throws ChannelClosedException   if every clause is closed and there is no timeout clause
     * @throws TaskKilledException      if the calling task is killed (no clause done)
     * @throws TaskInterruptedException if the calling thread is interrupted (no clause done)
     */
    @SuppressWarnings("unchecked")
    public R select() {
        if (channels.isEmpty() && timeout == null) {
            throw new IllegalArgumentException("a select needs at least one clause (onReceive, onSend or onTimeout)");
        }
        if (channelArray == null) {
            channelArray = channels.toArray(new ChannelCore<?>[0]);
            messageArray = messages.toArray();
            lockOrder = Selection.lockOrder(channelArray);
        }
        long deadline = timeout == null ? 0 : Blocking.deadlineAfter(timeout, "select timeout");
        Selection selection = new Selection(channelArray, messageArray, lockOrder, timeout != null, deadline);
        int fired = selection.run();
        if (fired == Selection.TIMED_OUT) {
            return onTimeout.get();
        }
        Object action = actions.get(fired);
        if (messageArray[fired] == null) {
            return ((Function<Object, ? extends R>) action).apply(selection.received());
        }
        return ((Supplier<? extends R>) action).get();
    }

    /** @return e.g. {@code Select[onReceive Channel#1[...], onTimeout PT0.01S]} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Select[");
        for (int i = 0; i < channels.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(messages.get(i) == null ? "onReceive " : "onSend ").append(channels.get(i));
        }
        if (timeout != null) {
            sb.append(channels.isEmpty() ? "" : ", ").append("onTimeout ").append(timeout);
        }
        return sb.append(']').toString();
    }
}
