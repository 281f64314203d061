package dev.weft;

import java.util.Objects;

/**
 * The outcome of a task: exactly one of {@link Completed}, {@link Failed} or {@link Killed}.
 * Once published (when the task is reaped) it never changes.
 *
 * <pre>{@code
 * switch (handle.await()) {
 *     case TaskResult.Completed<Integer> ok -> use(ok.value());
 *     case TaskResult.Failed<Integer> f -> log(f.cause());
 *     case TaskResult.Killed<Integer> k -> { }
 * }
 * }</pre>
 *
 * @param <T> the type of the task's value
 */
public sealed interface TaskResult<T> {

    /**
     * The body returned normally.
     *
     * @param value what it returned (may be {@code null})
     * @param <T>   the type of the value
     */
    record Completed<T>(T value) implements TaskResult<T> { }

    /**
     * An exception escaped the body, or a LINKED child's failure reached the task.
     *
     * @param cause the original exception
     * @param <T>   the type of the task's value
     */
    record Failed<T>(Throwable cause) implements TaskResult<T> {
        /** Checks that the cause is not null. */
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The task was killed: by {@link TaskHandle#kill()}, by the abnormal end of a task above it,
     * or by kernel failure; however its body then ended.
     *
     * @param <T> the type of the task's value
     */
    record Killed<T>() implements TaskResult<T> { }
}
