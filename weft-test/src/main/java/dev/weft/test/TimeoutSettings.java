package dev.weft.test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit timeout that applies to a test method, found as JUnit's own {@code TimeoutExtension}
 * finds it: {@code @Timeout} on the method, else on its class or an enclosing class, else the
 * {@code junit.jupiter.execution.timeout.*} defaults; none when the timeout mode is disabled.
 */
final class TimeoutSettings {
    private TimeoutSettings() { }

    private static final List<String> DEFAULT_KEYS = List.of(
            "junit.jupiter.execution.timeout.test.method.default",
            "junit.jupiter.execution.timeout.testable.method.default",
            "junit.jupiter.execution.timeout.default");
    private static final String MODE_KEY = "junit.jupiter.execution.timeout.mode";
    /** JUnit's duration syntax: {@code 42}, {@code 42 ms}, {@code 2m}; seconds by default. */
    private static final Pattern DURATION = Pattern.compile("([1-9]\\d*) ?(ns|μs|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
    /** How much earlier than JUnit we give up, at most: our failure, naming the seed, comes first. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    static Optional<Duration> forMethod(ExtensionContext context) {
        String mode = context.getConfigurationParameter(MODE_KEY).orElse("enabled").strip().toLowerCase(Locale.ROOT);
        if (mode.equals("disabled") || (mode.equals("disabled_on_debug") && debugging())) {
            return Optional.empty();
        }
        Optional<Timeout> annotation = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), Timeout.class);
        for (Class<?> c = context.getRequiredTestClass(); annotation.isEmpty() && c != null; c = c.getEnclosingClass()) {
            annotation = AnnotationSupport.findAnnotation(c, Timeout.class);
        }
        if (annotation.isPresent()) {
            return Optional.of(Duration.of(annotation.get().value(), annotation.get().unit().toChronoUnit()));
        }
        for (String key : DEFAULT_KEYS) {
            Optional<String> value = context.getConfigurationParameter(key);
            if (value.isPresent()) {
                return Optional.of(parse(key, value.get()));
            }
        }
        return Optional.empty();
    }

    /** The part of {@code timeout} the exploration may use: JUnit's own timer fires after it. */
    static Duration ownShare(Duration timeout) {
        Duration margin = timeout.dividedBy(4);
        return timeout.minus(margin.compareTo(MARGIN) < 0 ? margin : MARGIN);
    }

    static Duration parse(String key, String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new ExtensionConfigurationException(key + " must be a duration such as \"5 s\" or \"100 ms\", got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ns" -> Duration.ofNanos(n);
            case "μs" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** {@code 2 s}, {@code 150 ms}. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean debugging() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-agentlib:jdwp"));
    }
}
