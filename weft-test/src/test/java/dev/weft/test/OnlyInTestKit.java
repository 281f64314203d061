package dev.weft.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks an example class that is meant to fail (or to be counted) and so runs only when a test
 * runs it through {@link TestKits}, which sets the configuration parameter
 * {@value TestKits#PARAMETER}. Surefire skips nested classes anyway; this also keeps an IDE's
 * "run all in package" from running them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(OnlyInTestKit.Condition.class)
@interface OnlyInTestKit {

    /** Enabled only under {@link TestKits}. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(TestKits.PARAMETER).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run by TestKits")
                    : ConditionEvaluationResult.disabled("an example class: runs only through TestKits");
        }
    }
}
