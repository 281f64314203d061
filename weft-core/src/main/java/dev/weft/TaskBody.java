package dev.weft;

/**
 * A value-returning task body: {@code () -> 42}. It may throw checked exceptions; an exception
 * that escapes it makes the task {@link TaskResult.Failed Failed}.
 *
 * <p>Overloads taking a {@code TaskBody} or a {@link TaskAction} resolve the way
 * {@link java.util.concurrent.ExecutorService#submit} does: an expression lambda with a value is
 * a {@code TaskBody}, a block lambda without {@code return} is a {@code TaskAction}.
 *
 * @param <T> the type of the task's value
 */
@FunctionalInterface
public interface TaskBody<T> {
    /**
     * Runs the task.
     *
     * @return the task's value (may be {@code null})
     * @throws Exception anything; the task then fails with it
     */
    T run() throws Exception;
}
