package dev.weft;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A task, as seen from outside it. There is one handle object per task (identity equality). A
 * handle does not keep a dead task's state alive: only its id, name and outcome.
 *
 * <p>{@code join} and {@code await} return only once the task has been reaped: its outcome is
 * published, {@link Kernel#lookup} no longer finds it and its scheduler's
 * {@link Scheduler#liveTasks()} no longer counts it. They work from tasks and plain threads.
 * Not meant to be implemented outside weft.
 *
 * @param <T> the type of the task's value
 */
public interface TaskHandle<T> {

    /**
     * Waits for the task and returns its value.
     *
     * @return the value
     * @throws TaskFailedException       if it failed (cause: its exception) or was killed
     *                                   (cause: a TaskKilledException)
     * @throws TaskKilledException       if the <em>joining</em> task has been killed (also when the
     *                                   joined task has already ended: every weft blocking call of a
     *                                   killed task throws)
     * @throws TaskInterruptedException  if the waiting thread is interrupted (not killed)
     * @throws IllegalStateException     if a task joins itself
     */
    T join();

    /**
     * Waits for the task and returns its outcome; never throws for the joined task's outcome.
     *
     * @return the outcome
     * @throws TaskKilledException      if the waiting task has been killed (as for {@link #join()})
     * @throws IllegalStateException    if a task awaits itself
     */
    TaskResult<T> await();

    /**
     * @param timeout how long to wait; not negative
     * @return the outcome, or empty on timeout
     * @see #await()
     */
    Optional<TaskResult<T>> await(Duration timeout);

    /**
     * @return a future completed with the value, or exceptionally with the task's exception (a
     *         {@link TaskKilledException} if it was killed), once the task has been reaped
     */
    CompletableFuture<T> toCompletableFuture();

    /**
     * Kills the task (cooperatively): sets its sticky killed flag, interrupts its thread and wakes
     * any weft blocking call it waits in. Idempotent; no effect on a dead task, nor on one a linked
     * child's failure has already reached (its outcome stays Failed with that failure).
     */
    void kill();

    /** @return the task's id */
    TaskId id();

    /** @return the task's name ({@code "task-<id>"} unless named) */
    String name();

    /** @return its current state (a snapshot) */
    TaskState state();

    /** @return whether it has not been reaped yet */
    boolean isAlive();
}
