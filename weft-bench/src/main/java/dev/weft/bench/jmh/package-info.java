/**
 * JMH benchmarks: the {@code weft bench} workloads under JMH's rigour (forks, warm-up
 * iterations, error bars), plus issue 4's channel benchmarks. Every benchmark calls the shared
 * workload code in {@code dev.weft.bench.workloads} (no copies) on a {@code Session} opened the
 * same way the runner opens it.
 *
 * <p>Run: {@code mvn -pl weft-bench -am package -DskipTests}, then
 * {@code java -jar weft-bench/target/weft-bench-*-jmh.jar [regexp] [JMH options]}, e.g.
 * {@code java -jar weft-bench/target/weft-bench-*-jmh.jar ChannelPingPong -f 1 -wi 3 -i 5}.
 * The forks get {@code --add-opens java.base/java.lang=ALL-UNNAMED} from {@code @Fork}.
 *
 * <p>Not here: {@code parked-memory} (bytes, not time) and {@code idle} (CPU over a fixed
 * window); run them with {@code ./weft bench --only parked-memory,idle}.
 *
 * <p>Benchmarks with a {@code runtime} parameter take the runner's runtime ids; the channel
 * benchmarks take a {@code variant} naming the runtime and the primitive, so JMH prints them side
 * by side.
 */
package dev.weft.bench.jmh;
