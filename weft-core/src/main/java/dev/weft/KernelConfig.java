package dev.weft;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadFactory;

/**
 * How a kernel is built. Immutable; every {@code with...} returns a new config.
 *
 * <pre>{@code
 * Kernel.run(KernelConfig.defaults().withDefaultThreads(4), () -> { ... });
 * }</pre>
 */
public final class KernelConfig {
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final int defaultThreads;
    private final FailureReporter reporter;
    private final ThreadFactory carrierFactory;
    private final Duration shutdownGrace;
    private final Duration shutdownTimeout;
    private final Long randomSeed;
    private final Long deterministicSeed;

    private KernelConfig(int defaultThreads, FailureReporter reporter, ThreadFactory carrierFactory,
                         Duration shutdownGrace, Duration shutdownTimeout, Long randomSeed,
                         Long deterministicSeed) {
        this.defaultThreads = defaultThreads;
        this.reporter = reporter;
        this.carrierFactory = carrierFactory;
        this.shutdownGrace = shutdownGrace;
        this.shutdownTimeout = shutdownTimeout;
        this.randomSeed = randomSeed;
        this.deterministicSeed = deterministicSeed;
    }

    /**
     * The defaults: a default scheduler with one carrier per available processor, failures
     * reported on {@code System.err}, carriers made by the JDK's platform thread builder, a
     * 10 s shutdown grace and no shutdown timeout.
     *
     * @return the default config
     */
    public static KernelConfig defaults() {
        return new KernelConfig(0, null, null, DEFAULT_GRACE, null, null, null);
    }

    /**
     * A deterministic kernel: every task runs on the thread that called {@link Kernel#run}, in an
     * order drawn from {@code seed}; select's choice and weft's clock follow the seed and virtual
     * time. Same program, same seed: same run. Only {@link Kernel#run} accepts it.
     *
     * @param seed the seed
     * @return the config
     */
    public static KernelConfig deterministic(long seed) {
        return new KernelConfig(0, null, null, DEFAULT_GRACE, null, seed, seed);
    }

    /**
     * @param n carriers of the default scheduler, {@code >= 1}
     * @return a new config
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public KernelConfig withDefaultThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the default scheduler needs at least 1 carrier thread, got withDefaultThreads(" + n + ")");
        }
        return new KernelConfig(n, reporter, carrierFactory, shutdownGrace, shutdownTimeout, randomSeed, deterministicSeed);
    }

    /**
     * @param reporter receives every failure report instead of {@code System.err};
     *                 {@link FailureReporter#silent()} turns reports off
     * @return a new config
     */
    public KernelConfig withFailureReporter(FailureReporter reporter) {
        Objects.requireNonNull(reporter, "failure reporter");
        return new KernelConfig(defaultThreads, reporter, carrierFactory, shutdownGrace, shutdownTimeout, randomSeed, deterministicSeed);
    }

    /**
     * A hook for making carrier threads (tests inject one that fails). weft names each thread
     * {@code weft-<scheduler>-<n>} after the factory returns it; it must return an unstarted
     * platform thread, or throw.
     *
     * @param factory the factory
     * @return a new config
     */
    public KernelConfig withCarrierThreadFactory(ThreadFactory factory) {
        Objects.requireNonNull(factory, "carrier thread factory");
        return new KernelConfig(defaultThreads, reporter, factory, shutdownGrace, shutdownTimeout, randomSeed, deterministicSeed);
    }

    /**
     * @param grace how long the end of a kernel may take before every task still alive is
     *              reported on {@code System.err}; positive
     * @return a new config
     */
    public KernelConfig withShutdownGrace(Duration grace) {
        requirePositive(grace, "shutdown grace");
        return new KernelConfig(defaultThreads, reporter, carrierFactory, grace, shutdownTimeout, randomSeed, deterministicSeed);
    }

    /**
     * @param timeout how long the end of a kernel may take before weft gives up on the tasks
     *                that ignore kill; positive
     * @return a new config
     */
    public KernelConfig withShutdownTimeout(Duration timeout) {
        requirePositive(timeout, "shutdown timeout");
        return new KernelConfig(defaultThreads, reporter, carrierFactory, shutdownGrace, timeout, randomSeed, deterministicSeed);
    }

    /**
     * @param seed the seed of the kernel's random source (select's choice, randomised policies)
     * @return a new config
     */
    public KernelConfig withRandomSeed(long seed) {
        return new KernelConfig(defaultThreads, reporter, carrierFactory, shutdownGrace, shutdownTimeout, seed, deterministicSeed);
    }

    /** @return carriers of the default scheduler: as configured, else available processors */
    public int defaultThreads() {
        return defaultThreads > 0 ? defaultThreads : Runtime.getRuntime().availableProcessors();
    }

    /** @return the configured reporter, if any (empty: report on {@code System.err}) */
    public Optional<FailureReporter> failureReporter() {
        return Optional.ofNullable(reporter);
    }

    /** @return the configured carrier thread factory, if any */
    public Optional<ThreadFactory> carrierThreadFactory() {
        return Optional.ofNullable(carrierFactory);
    }

    /** @return the shutdown grace */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** @return the shutdown timeout, if any */
    public Optional<Duration> shutdownTimeout() {
        return Optional.ofNullable(shutdownTimeout);
    }

    /** @return the random seed, if one was given */
    public OptionalLong randomSeed() {
        return randomSeed == null ? OptionalLong.empty() : OptionalLong.of(randomSeed);
    }

    /** @return the deterministic seed, if this is a deterministic config */
    public OptionalLong deterministicSeed() {
        return deterministicSeed == null ? OptionalLong.empty() : OptionalLong.of(deterministicSeed);
    }

    /** @return whether this is a {@link #deterministic(long)} config */
    public boolean isDeterministic() {
        return deterministicSeed != null;
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    @Override
    public String toString() {
        return "KernelConfig[defaultThreads=" + defaultThreads()
                + (deterministicSeed != null ? ", deterministic seed=" + deterministicSeed : "")
                + ", shutdownGrace=" + shutdownGrace
                + (shutdownTimeout != null ? ", shutdownTimeout=" + shutdownTimeout : "") + "]";
    }
}
