package dev.weft;

/**
 * A task body without a value: {@code () -> { work(); }}. Its task's value is {@code null}
 * ({@code TaskHandle<Void>}). It may throw checked exceptions; see {@link TaskBody}.
 */
@FunctionalInterface
public interface TaskAction {
    /**
     * Runs the task.
     *
     * @throws Exception anything; the task then fails with it
     */
    void run() throws Exception;
}
