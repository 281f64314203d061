package dev.weft.bench.jmh;

import dev.weft.bench.workloads.FanIn;
import dev.weft.bench.workloads.PingPong;
import dev.weft.bench.workloads.PingPongPark;
import dev.weft.bench.workloads.Ring;
import dev.weft.bench.workloads.Skynet;
import dev.weft.bench.workloads.SpawnJoin;
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
 * The {@code weft bench} time workloads under JMH, one nested class per workload, each over the
 * runtimes it supports. Sizes are the quick suite's order; scores are ns per operation as the
 * runner defines them (per leaf, per task, per round trip, per hop, per message).
 */
public final class WorkloadBenchmarks {
    private WorkloadBenchmarks() {
    }

    /** Skynet, 100,000 leaves; score = ns per leaf. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public static class SkynetBench extends SessionState {
        static final int SIZE = 100_000;

        @Param({"weft-1", "weft-default", "weft-main", "jdk-virtual", "platform-pool"})
        public String runtime;

        @Setup(Level.Trial)
        public void setUp() {
            open(runtime);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long skynet() throws Exception {
            return Skynet.INSTANCE.execute(session, SIZE);
        }
    }

    /** Spawn-join, 100,000 tasks in batches of 1,000; score = ns per task. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class SpawnJoinBench extends SessionState {
        static final int SIZE = 100_000;

        @Param({"weft-1", "weft-default", "weft-main", "jdk-virtual", "platform-pool"})
        public String runtime;

        @Setup(Level.Trial)
        public void setUp() {
            open(runtime);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long spawnJoin() throws Exception {
            return SpawnJoin.INSTANCE.execute(session, SIZE);
        }
    }

    /** Ping-pong over rendezvous channels (JDK: SynchronousQueue), 100,000 round trips. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class PingPongBench extends SessionState {
        static final int SIZE = 100_000;

        @Param({"weft-1", "weft-default", "weft-main", "jdk-virtual"})
        public String runtime;

        @Setup(Level.Trial)
        public void setUp() {
            open(runtime);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long pingPong() throws Exception {
            return PingPong.INSTANCE.execute(session, SIZE);
        }
    }

    /** Ping-pong over bare park/unpark, 100,000 round trips. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class PingPongParkBench extends SessionState {
        static final int SIZE = 100_000;

        @Param({"weft-1", "weft-default", "weft-main", "jdk-virtual"})
        public String runtime;

        @Setup(Level.Trial)
        public void setUp() {
            open(runtime);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long pingPongPark() throws Exception {
            return PingPongPark.INSTANCE.execute(session, SIZE);
        }
    }

    /** Thread-ring of 503 tasks, 300,000 hops; score = ns per hop. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class RingBench extends SessionState {
        static final int SIZE = 300_000;

        @Param({"weft-1", "weft-default", "weft-main", "jdk-virtual"})
        public String runtime;

        @Setup(Level.Trial)
        public void setUp() {
            open(runtime);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long ring() throws Exception {
            return Ring.INSTANCE.execute(session, SIZE);
        }
    }

    /** Fan-in 8 -> 1 through bounded(1024) (JDK: ArrayBlockingQueue), 400,000 messages. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class FanInBench extends SessionState {
        static final int SIZE = 400_000;

        @Param({"weft-1", "weft-default", "weft-main", "jdk-virtual", "platform-pool"})
        public String runtime;

        @Setup(Level.Trial)
        public void setUp() {
            open(runtime);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }

        @Benchmark
        @OperationsPerInvocation(SIZE)
        public long fanIn() throws Exception {
            return FanIn.INSTANCE.execute(session, SIZE);
        }
    }
}
