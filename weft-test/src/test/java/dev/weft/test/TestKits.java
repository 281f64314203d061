package dev.weft.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link OnlyInTestKit} example classes on the Jupiter engine and reads how they ended. */
final class TestKits {
    private TestKits() { }

    /** The configuration parameter that enables {@link OnlyInTestKit} classes. */
    static final String PARAMETER = "weft.test.testkit";

    /**
     * @param example     an {@link OnlyInTestKit} class
     * @param keysValues  more configuration parameters: key, value, key, value...
     * @return the results
     */
    static EngineExecutionResults run(Class<?> example, String... keysValues) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(example))
                .configurationParameter(PARAMETER, "true");
        for (int i = 0; i < keysValues.length; i += 2) {
            kit = kit.configurationParameter(keysValues[i], keysValues[i + 1]);
        }
        return kit.execute();
    }

    /** @return the throwable of the one failed test, which must exist */
    static Throwable failureOf(EngineExecutionResults results) {
        results.testEvents().assertStatistics(stats -> stats.failed(1));
        Event failed = results.testEvents().failed().list().getFirst();
        return failed.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("a failed test without a throwable: " + failed));
    }

    /** @return the throwable of the one failed test, if one failed */
    static Optional<Throwable> anyFailureOf(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable);
    }
}
