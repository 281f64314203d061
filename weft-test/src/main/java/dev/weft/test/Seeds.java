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
     * @param override   the {@value WeftTestExtension#SEEDS_PARAMETER} parameter, or null; ignored
     *                   for a fixed seed
     * @param replay     the {@value WeftTestExtension#SEED_PARAMETER} parameter, or null: a seed
     *                   that replaces the annotation's seeds
     */
    static Seeds of(WeftTest annotation, String override, String replay) {
        if (replay != null && !replay.isBlank()) {
            try {
                return new Seeds(Long.parseLong(replay.strip()), 1);
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException("configuration parameter " + WeftTestExtension.SEED_PARAMETER
                        + " must be a seed (a long), got \"" + replay + "\"", e);
            }
        }
        if (annotation.seed() != WeftTest.NO_SEED) {
            return new Seeds(annotation.seed(), 1);
        }
        int count = annotation.seeds();
        if (override != null && !override.isBlank()) {
            try {
                count = Integer.parseInt(override.strip());
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException("configuration parameter " + WeftTestExtension.SEEDS_PARAMETER
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
