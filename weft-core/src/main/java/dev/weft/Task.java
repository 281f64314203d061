package dev.weft;

import dev.weft.internal.task.Blocking;
import dev.weft.internal.task.TaskImpl;
import java.time.Duration;
import java.util.Objects;

/**
 * What a task can do to itself, and the way to spawn tasks.
 *
 * <p>Kill is cooperative and sticky: once a task is killed, every weft blocking call it makes
 * ({@code join}, {@code await}, {@link #sleep}, {@link #yieldNow}, channel and select operations)
 * throws {@link TaskKilledException}, and a call it is blocked in wakes at once. Its virtual
 * thread is interrupted too, so JDK blocking calls throw {@code InterruptedException}.
 * {@code finally} blocks run. A task that never reaches a blocking call cannot be stopped.
 */
public final class Task {
    private Task() {
    }

    /**
     * Spawns a LINKED child of the calling task on the calling task's scheduler. A plain thread
     * has no current scheduler: use {@code scheduler.spawn(..)} there (this throws).
     *
     * @param body the body
     * @param <T>  its value's type
     * @return the child's handle
     * @throws IllegalStateException    outside a task
     * @throws SchedulerClosedException if the scheduler is closed
     */
    public static <T> TaskHandle<T> spawn(TaskBody<T> body) {
        return builder().spawn(body);
    }

    /**
     * Spawns a LINKED child with a void body on the calling task's scheduler.
     *
     * @param body the body
     * @return the child's handle
     * @see #spawn(TaskBody)
     */
    public static TaskHandle<Void> spawn(TaskAction body) {
        return builder().spawn(body);
    }

    /** @return a builder for a task with a name, a scheduler and a link mode */
    public static TaskBuilder builder() {
        return new TaskBuilder();
    }

    /**
     * @return the calling task's handle
     * @throws IllegalStateException outside a task
     */
    public static TaskHandle<?> current() {
        return TaskImpl.currentOrThrow("Task.current()");
    }

    /**
     * Lets the other runnable tasks of this scheduler run, then continues. Outside a task, acts as
     * {@link Thread#yield()}.
     *
     * @throws TaskKilledException if the calling task has been killed
     */
    public static void yieldNow() {
        Blocking.yieldNow();
    }

    /**
     * Parks the calling task for {@code duration} on the kernel's clock. Outside a task, sleeps
     * the calling thread.
     *
     * @param duration how long; not negative
     * @throws TaskKilledException       if the task is (or gets) killed
     * @throws TaskInterruptedException  on a plain interrupt
     * @throws IllegalArgumentException  for a negative duration
     */
    public static void sleep(Duration duration) {
        Blocking.sleep(duration);
    }

    /** @return whether the calling task has been killed; false outside a task */
    public static boolean isKilled() {
        TaskImpl<?> t = TaskImpl.currentOrNull();
        return t != null && t.isDoomed();
    }

    /** @throws TaskKilledException if the calling task has been killed (and is not unkillable now) */
    public static void checkKilled() {
        Blocking.checkKilled();
    }

    /**
     * Runs {@code body} with kill deferred: weft calls inside it do not throw
     * {@link TaskKilledException} and a linked failure waits too; a kill that arrives meanwhile
     * lands when it ends ({@link #isKilled()} is already true inside). The body's exception
     * propagates unchanged, checked or not. Outside a task it just runs the body.
     *
     * @param body what to run
     */
    public static void unkillable(TaskAction body) {
        Objects.requireNonNull(body, "unkillable body");
        Blocking.unkillable(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs {@code body} with kill deferred and returns its value.
     *
     * @param body what to run
     * @param <T>  its value's type
     * @return what it returned
     * @see #unkillable(TaskAction)
     */
    public static <T> T unkillable(TaskBody<T> body) {
        Objects.requireNonNull(body, "unkillable body");
        return Blocking.unkillable(body);
    }
}
