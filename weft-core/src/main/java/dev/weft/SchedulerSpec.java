package dev.weft;

import java.util.Objects;
import java.util.Optional;

/**
 * What a new scheduler looks like: its number of carrier threads and, optionally, its name.
 * Immutable: {@code SchedulerSpec.threads(4).named("workers")}.
 *
 * <p>Carriers are platform threads named {@code weft-<scheduler>-<n>}; a scheduler starts them
 * when its first task is spawned (a platform thread start costs ~50–100 µs, the price of hundreds
 * of task spawns), so a scheduler that is never used costs no threads.
 */
public final class SchedulerSpec {
    private final int threads;
    private final String name;

    private SchedulerSpec(int threads, String name) {
        this.threads = threads;
        this.name = name;
    }

    /**
     * A scheduler with {@code n} carrier threads.
     *
     * @param n the number of carriers, {@code >= 1}
     * @return the spec
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static SchedulerSpec threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a scheduler needs at least 1 carrier thread, got threads(" + n + ")");
        }
        return new SchedulerSpec(n, null);
    }

    /**
     * The same spec with a name. Names are unique among a kernel's live schedulers.
     *
     * @param name the scheduler's name: not null, not blank
     * @return a new spec
     * @throws IllegalArgumentException if the name is blank
     */
    public SchedulerSpec named(String name) {
        Objects.requireNonNull(name, "scheduler name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a scheduler name must not be blank, got \"" + name + "\"");
        }
        return new SchedulerSpec(threads, name);
    }

    /** @return the number of carrier threads */
    public int threads() {
        return threads;
    }

    /** @return the name, if one was given (the kernel names the others) */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public String toString() {
        return "SchedulerSpec[threads=" + threads + (name == null ? "" : ", name=" + name) + "]";
    }
}
