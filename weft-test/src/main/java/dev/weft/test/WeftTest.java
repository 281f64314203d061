package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method as the main task of a deterministic weft kernel
 * ({@code KernelConfig.deterministic(seed)}), once per seed, and stops at the first seed that
 * fails:
 *
 * <pre>{@code
 * @WeftTest(seeds = 500)
 * void registersOnce() throws Exception {
 *     var a = Task.spawn(() -> registry.register("db"));
 *     var b = Task.spawn(() -> registry.register("db"));
 *     assertThat(a.join()).isSameAs(b.join());
 * }
 * }</pre>
 *
 * A failure reads {@code failed with seed 1234; rerun with @WeftTest(seed = 1234)} and has the
 * run's own failure as its cause; {@code @WeftTest(seed = 1234)} then replays exactly that run.
 *
 * <p>A run fails when the body throws, or when the kernel ends with a non-zero exit status: a
 * failed linked task, {@code Kernel.fail}, a deadlock (status 101 with the kernel's report),
 * {@code setExitStatus(n)}. Use it instead of {@code @Test} (it is one) or beside it.
 *
 * <p>Rules of the road:
 * <ul>
 * <li>The method takes no parameters.
 * <li>It runs once per seed on the same test instance; {@code @BeforeEach} and
 *     {@code @AfterEach} run once around all seeds. Keep per-run state in the method body.
 * <li>JUnit's {@code @Timeout} bounds the whole exploration; when it expires, the kernel's
 *     tasks and the JVM's thread stacks are printed on {@code System.err}, the kernel is failed
 *     and the test fails naming the seed it was running.
 * <li>The JUnit configuration parameter or system property
 *     {@value WeftTestExtension#SEEDS_PARAMETER} overrides {@link #seeds()} (a longer exploration
 *     in CI, say); it does not apply to a fixed {@link #seed()}.
 *     {@value WeftTestExtension#SEED_PARAMETER} replays one seed in every {@code @WeftTest} of
 *     the run, without editing the test.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(WeftTestExtension.class)
public @interface WeftTest {

    /** The value of {@link #seed()} that means "no fixed seed: explore". */
    long NO_SEED = Long.MIN_VALUE;

    /**
     * @return how many seeds to explore: {@link #firstSeed()}, {@code firstSeed() + 1}, ...;
     *         at least 1
     */
    int seeds() default 100;

    /** @return the first seed of the exploration */
    long firstSeed() default 0;

    /**
     * @return a fixed seed: the test runs exactly once, with it (a replay); {@link #NO_SEED}
     *         (the default) explores {@link #seeds()} seeds instead
     */
    long seed() default NO_SEED;
}
