package dev.weft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.ReliabilityReport;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel and select entry points, and the public entry points {@link BadInputTest} does not
 * cover, with null, negative, zero, closed and out-of-task arguments: each gets its specific
 * exception, with a message naming the bad value (or, for null, the parameter). The number of
 * bad inputs tried (with BadInputTest's) goes to {@code target/reliability/badinput.json}.
 */
class BadInputChannelTest {
    private static final Map<String, String> TRIED = new ConcurrentHashMap<>();
    private static Kernel kernel;
    private static Kernel ended;
    private static Channel<String> open;
    private static Channel<String> closed;

    @BeforeEach
    void setUp() {
        kernel = Kernel.start(KernelConfig.defaults().withDefaultThreads(1));
        ended = Kernel.start(KernelConfig.defaults().withDefaultThreads(1));
        ended.close();
        open = Channel.bounded(2);
        closed = Channel.bounded(2);
        closed.close();
    }

    @AfterEach
    void tearDown() {
        kernel.close();
    }

    @AfterAll
    static void writeFigures() {
        Map<String, Object> json = new TreeMap<>();
        json.put("channelSelectAndMore", TRIED.size());
        json.put("badInputTest", BadInputTest.cases().count());
        json.put("total", TRIED.size() + BadInputTest.cases().count());
        json.put("byException", TRIED.values().stream().collect(java.util.stream.Collectors.groupingBy(s -> s, TreeMap::new,
                java.util.stream.Collectors.counting())));
        ReliabilityReport.write("badinput.json", json);
    }

    record Case(String what, ThrowingCallable call, Class<? extends Throwable> type, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> cases() {
        Duration negative = Duration.ofMillis(-1);
        Duration ms = Duration.ofMillis(1);
        return Stream.of(
                // channels
                new Case("Channel.bounded(0)", () -> Channel.bounded(0), IllegalArgumentException.class, "bounded(0)"),
                new Case("Channel.bounded(-5)", () -> Channel.bounded(-5), IllegalArgumentException.class, "bounded(-5)"),
                new Case("send(null)", () -> open.send(null), NullPointerException.class, "message"),
                new Case("trySend(null)", () -> open.trySend(null), NullPointerException.class, "message"),
                new Case("send(null, 1ms)", () -> open.send(null, ms), NullPointerException.class, "message"),
                new Case("send(m, null)", () -> open.send("m", null), NullPointerException.class, "send timeout"),
                new Case("send(m, -1ms)", () -> open.send("m", negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("receive(null)", () -> open.receive(null), NullPointerException.class, "receive timeout"),
                new Case("receive(-1ms)", () -> open.receive(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("send on closed", () -> closed.send("m"), ChannelClosedException.class, "closed"),
                new Case("trySend on closed", () -> closed.trySend("m"), ChannelClosedException.class, "closed"),
                new Case("timed send on closed", () -> closed.send("m", ms), ChannelClosedException.class, "closed"),
                new Case("receive on closed and drained", () -> closed.receive(), ChannelClosedException.class, "closed"),
                new Case("timed receive on closed and drained", () -> closed.receive(ms), ChannelClosedException.class, "closed"),
                new Case("iterator().next() on closed and drained", () -> closed.iterator().next(), NoSuchElementException.class, "closed"),
                // select
                new Case("onReceive(null channel)", () -> Select.create().onReceive(null, m -> m), NullPointerException.class, "channel"),
                new Case("onReceive(ch, null action)", () -> Select.create().onReceive(open, null), NullPointerException.class, "onReceive action"),
                new Case("onSend(null channel)", () -> Select.<String>create().onSend(null, "m", () -> "x"), NullPointerException.class, "channel"),
                new Case("onSend(ch, null message)", () -> Select.<String>create().onSend(open, null, () -> "x"), NullPointerException.class, "message"),
                new Case("onSend(ch, m, null action)", () -> Select.<String>create().onSend(open, "m", null), NullPointerException.class, "onSend action"),
                new Case("onTimeout(null)", () -> Select.<String>create().onTimeout(null, () -> "x"), NullPointerException.class, "select timeout"),
                new Case("onTimeout(-1ms)", () -> Select.<String>create().onTimeout(negative, () -> "x"), IllegalArgumentException.class, "PT-0.001S"),
                new Case("onTimeout(1ms, null action)", () -> Select.<String>create().onTimeout(ms, null), NullPointerException.class, "onTimeout action"),
                new Case("onTimeout twice", () -> Select.<String>create().onTimeout(ms, () -> "a").onTimeout(ms, () -> "b"),
                        IllegalStateException.class, "PT0.001S"),
                new Case("select() with no clause", () -> Select.create().select(), IllegalArgumentException.class, "at least one clause"),
                new Case("select() with every clause closed", () -> Select.<String>create().onReceive(closed, m -> m)
                        .onSend(closed, "m", () -> "x").select(), ChannelClosedException.class, "closed"),
                // configuration not covered by BadInputTest
                new Case("withShutdownGrace(null)", () -> KernelConfig.defaults().withShutdownGrace(null), NullPointerException.class, "shutdown grace"),
                new Case("withShutdownGrace(0)", () -> KernelConfig.defaults().withShutdownGrace(Duration.ZERO), IllegalArgumentException.class, "PT0S"),
                new Case("withShutdownTimeout(0)", () -> KernelConfig.defaults().withShutdownTimeout(Duration.ZERO), IllegalArgumentException.class, "PT0S"),
                new Case("withShutdownTimeout(-1ms)", () -> KernelConfig.defaults().withShutdownTimeout(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("SchedulerSpec.threads(MIN_VALUE)", () -> SchedulerSpec.threads(Integer.MIN_VALUE), IllegalArgumentException.class, "threads(-2147483648)"),
                // tasks and schedulers
                new Case("Task.spawn(null body) outside", () -> Task.spawn((TaskBody<Integer>) null), NullPointerException.class, "task body"),
                new Case("Task.spawn outside a task", () -> Task.spawn(() -> 1), IllegalStateException.class, "outside a weft task"),
                new Case("builder.spawn(null body)", () -> Task.builder().spawn((TaskAction) null), NullPointerException.class, "task body"),
                new Case("builder.spawn outside with no scheduler", () -> Task.builder().spawn(() -> 1), IllegalStateException.class, "outside a weft task"),
                new Case("unkillable(null TaskBody)", () -> Task.unkillable((TaskBody<Integer>) null), NullPointerException.class, "unkillable body"),
                new Case("scheduler.awaitTermination(null)", () -> kernel.defaultScheduler().awaitTermination(null), NullPointerException.class, "awaitTermination timeout"),
                new Case("kernel.awaitTermination(-1ms)", () -> kernel.awaitTermination(negative), IllegalArgumentException.class, "PT-0.001S"),
                new Case("newScheduler on an ended kernel", () -> ended.newScheduler(SchedulerSpec.threads(1)), IllegalStateException.class, "shutting down"),
                new Case("spawn on an ended kernel's scheduler", () -> ended.defaultScheduler().spawn(() -> 1), SchedulerClosedException.class, "'default'"),
                new Case("mainScheduler() of an embedded kernel", () -> kernel.mainScheduler(), IllegalStateException.class, "embedded"),
                new Case("TaskId(-1)", () -> new TaskId(-1), IllegalArgumentException.class, "got -1")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedWithASpecificMessage(Case c) {
        TRIED.put(c.what(), c.type().getSimpleName());
        assertThatThrownBy(c.call()).as(c.what()).isInstanceOf(c.type()).hasMessageContaining(c.message());
    }
}
