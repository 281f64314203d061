package dev.weft.test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link WeftTest}: it takes over the test method's invocation, runs the
 * method once per seed as the main task of {@code Kernel.run(KernelConfig.deterministic(seed)
 * .withFailureReporter(..), body)} (see {@link SeedRun}), stops at the first failing seed and
 * throws {@code AssertionError("failed with seed N; rerun with @WeftTest(seed = N)")} with the
 * run's failure as its cause; then it skips JUnit's own invocation of the method.
 *
 * <p>Register it through {@link WeftTest}; on a method without that annotation it does nothing.
 */
public final class WeftTestExtension implements InvocationInterceptor, BeforeEachCallback {

    /**
     * JUnit configuration parameter (or system property) that overrides {@link WeftTest#seeds()}
     * for every exploring test of the run: {@code -Dweft.test.seeds=10000} for a long exploration.
     */
    public static final String SEEDS_PARAMETER = "weft.test.seeds";

    /**
     * JUnit configuration parameter (or system property) that makes every {@link WeftTest} of
     * the run replay that one seed: {@code mvn test -Dtest=MyTest#method -Dweft.test.seed=1234}
     * reproduces a failure that CI reported without editing the test.
     */
    public static final String SEED_PARAMETER = "weft.test.seed";

    @Override
    public void beforeEach(ExtensionContext context) {
        // JUnit resolves the method's parameters after this callback and before our interceptor
        // runs, so this is the place for a clear message instead of "no ParameterResolver".
        Method m = context.getRequiredTestMethod();
        if (weftTest(m).isPresent() && m.getParameterCount() > 0) {
            throw new ExtensionConfigurationException("@WeftTest method " + m.getDeclaringClass().getSimpleName()
                    + "." + m.getName() + " must take no parameters: its body runs as a weft main task, once per seed, "
                    + "and nothing supplies arguments there (it declares " + m.getParameterCount() + ")");
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        Optional<WeftTest> annotation = weftTest(method);
        if (annotation.isEmpty()) {
            invocation.proceed();
            return;
        }
        if (!call.getArguments().isEmpty()) {
            invocation.skip();
            throw new ExtensionConfigurationException("@WeftTest method " + method.getName()
                    + " must take no parameters; it was given " + call.getArguments().size());
        }
        Seeds seeds = Seeds.of(annotation.get(),
                context.getConfigurationParameter(SEEDS_PARAMETER).orElse(null),
                context.getConfigurationParameter(SEED_PARAMETER).orElse(null));
        Optional<Duration> timeout = TimeoutSettings.forMethod(context);
        Object target = call.getTarget().orElse(null);
        invocation.skip(); // we invoke the method ourselves, once per seed
        explore(seeds, timeout, seed -> () -> ReflectionSupport.invokeMethod(method, target),
                method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }

    /**
     * Runs {@code body} under each seed until one fails.
     *
     * @param bodies the body for a seed (a fresh one per run)
     * @param label  names the test in diagnostics
     * @throws AssertionError naming the first failing seed, with that run's failure as cause
     */
    static void explore(Seeds seeds, Optional<Duration> timeout, LongFunction<SeedRun.Body> bodies, String label) {
        long deadline = timeout.map(t -> System.nanoTime() + TimeoutSettings.ownShare(t).toNanos()).orElse(0L);
        timeout.ifPresent(t -> HangDump.prepare());
        for (long seed : seeds) {
            SeedRun run = new SeedRun(seed, bodies.apply(seed), label);
            Throwable failure = timeout.isPresent()
                    ? run.runWithDeadline(deadline, timeout.get())
                    : run.run();
            if (failure != null) {
                AssertionError e = new AssertionError(failureMessage(seed), failure);
                run.otherFailures(failure).forEach(e::addSuppressed);
                throw e;
            }
        }
    }

    /**
     * @param seed a failing seed
     * @return {@code failed with seed N; rerun with @WeftTest(seed = N)}
     */
    public static String failureMessage(long seed) {
        return "failed with seed " + seed + "; rerun with @WeftTest(seed = " + seedLiteral(seed) + ")";
    }

    /** A seed as Java source: {@code 1234}, or {@code 9223372036854775807L} past int range. */
    private static String seedLiteral(long seed) {
        return seed == (int) seed ? Long.toString(seed) : seed + "L";
    }

    private static Optional<WeftTest> weftTest(Method m) {
        return AnnotationSupport.findAnnotation(m, WeftTest.class);
    }
}
