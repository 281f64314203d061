package dev.weft.test;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The seeds one {@link WeftTest} runs: a fixed seed alone (a replay), or {@code count}
 * consecutive seeds from {@code first}.
 *
 * @param first the first seed
 * @param count how many, {@code >= 1}
 */
record Seeds(long first, int count) implements Iterable<Long> {

    Seeds {
        if (count < 1) {
            throw new ExtensionConfigurationException("@WeftTest needs at least 1 seed, got seeds = " + count);
        }
    }

    /**
     * @param annotation the test's annotation
     * @param override   the {@value WeftTestExtension#SEEDS_PROPERTY} property, or null; ignored
     *                   for a fixed seed
     */
    static Seeds of(WeftTest annotation, String override) {
        if (annotation.seed() != WeftTest.NO_SEED) {
            return new Seeds(annotation.seed(), 1);
        }
        int count = annotation.seeds();
        if (override != null && !override.isBlank()) {
            try {
                count = Integer.parseInt(override.strip());
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException("system property " + WeftTestExtension.SEEDS_PROPERTY
                        + " must be a number of seeds, got \"" + override + "\"", e);
            }
        }
        return new Seeds(annotation.firstSeed(), count);
    }

    @Override
    public Iterator<Long> iterator() {
        return new Iterator<>() {
            private int done;

            @Override
            public boolean hasNext() {
                return done < count;
            }

            @Override
            public Long next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return first + done++;
            }
        };
    }
}
