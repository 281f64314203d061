package dev.weft.bench.jmh;

import dev.weft.bench.workloads.FanIn;
import dev.weft.bench.workloads.PingPong;
import dev.weft.bench.workloads.PingPongPark;
import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.SelectMerge;
import dev.weft.bench.workloads.Session;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4's channel benchmarks, each variant side by side with the JDK's own primitives on the
 * JDK's default virtual-thread scheduler. Variants name the runtime and the primitive:
 * {@code weft-1} is one weft carrier, {@code weft-2} a weft scheduler with two carriers,
 * {@code weft-default} one carrier per core, {@code jdk-*} virtual threads on the default
 * scheduler.
 *
 * <p>Targets (issue 4): {@code weft-1-rendezvous} at least 2x faster than
 * {@code jdk-synchronous-queue} and within 1.5x of {@code weft-1-park}; fan-in
 * {@code weft-*-bounded} at least as fast as {@code jdk-array-blocking-queue}.
 */
public final class ChannelBenchmarks {
    private ChannelBenchmarks() {
    }

    /** Opens the session a variant runs on. */
    static Session sessionFor(String variant) {
        if (variant.startsWith("weft-1-")) {
            return Session.open(RuntimeId.WEFT_1);
        }
        if (variant.startsWith("weft-2-")) {
            return Session.Weft.embedded(RuntimeId.WEFT_DEFAULT, 2);
        }
        if (variant.startsWith("weft-default-")) {
            return Session.open(RuntimeId.WEFT_DEFAULT);
        }
        if (variant.startsWith("jdk-")) {
            return Session.open(RuntimeId.JDK_VIRTUAL);
        }
        throw new IllegalArgumentException("unknown variant " + variant);
    }

    /** Two tasks, 100,000 round trips; score = ns per round trip. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class PingPongBench extends SessionState {
        static final int SIZE = 100_000;

        @Param({"weft-1-rendezvous", "weft-2-rendezvous", "weft-1-park", "jdk-synchronous-queue",
                "jdk-linked-transfer-queue", "jdk-park"})
        public String variant;

        @Setup(Level.Trial)
        public void setUp() {
            open(sessionFor(variant));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long roundTrip() throws Exception {
            return switch (variant) {
                case "weft-1-rendezvous", "weft-2-rendezvous", "jdk-synchronous-queue" -> PingPong.INSTANCE.execute(session, SIZE);
                case "weft-1-park", "jdk-park" -> PingPongPark.INSTANCE.execute(session, SIZE);
                case "jdk-linked-transfer-queue" -> PingPong.jdkTransfer(SIZE);
                default -> throw new IllegalArgumentException(variant);
            };
        }
    }

    /** 8 senders, 1 receiver, 400,000 messages through a queue of 1024; score = ns per message. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class FanInBench extends SessionState {
        static final int SIZE = 400_000;

        @Param({"weft-1-bounded", "weft-2-bounded", "jdk-array-blocking-queue", "jdk-linked-transfer-queue"})
        public String variant;

        @Setup(Level.Trial)
        public void setUp() {
            open(sessionFor(variant));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long fanIn() throws Exception {
            return switch (session) {
                case Session.Weft w -> FanIn.weft(w.scheduler(), SIZE);
                default -> FanIn.jdk(variant.equals("jdk-array-blocking-queue")
                        ? new ArrayBlockingQueue<>(FanIn.CAPACITY) : new LinkedTransferQueue<>(), SIZE);
            };
        }
    }

    /**
     * Select over {@code channels} rendezvous channels, one sender each, 100,000 messages; score =
     * ns per message. The JDK reference: the same senders putting into one SynchronousQueue.
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class SelectBench extends SessionState {
        static final int SIZE = 100_000; // a multiple of 2 and 8

        @Param({"2", "8"})
        public int channels;

        @Param({"weft-1-select", "weft-2-select", "jdk-synchronous-queue"})
        public String variant;

        @Setup(Level.Trial)
        public void setUp() {
            open(sessionFor(variant));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long select() throws Exception {
            return switch (session) {
                case Session.Weft w -> SelectMerge.weft(w.scheduler(), channels, SIZE);
                default -> SelectMerge.jdk(channels, SIZE);
            };
        }
    }
}
