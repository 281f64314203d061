package dev.weft;

import dev.weft.internal.task.TaskImpl;
import java.time.Duration;

/**
 * A run queue and its carrier threads, running tasks. Made by {@link Kernel#newScheduler},
 * {@link Kernel#defaultScheduler()}, {@link Kernel#mainScheduler()} or
 * {@link TaskBuilder#newScheduler}.
 *
 * <p>Life cycle: {@code open --close()--> closed --last task reaped--> exited}. A closed
 * scheduler refuses spawns ({@link SchedulerClosedException}) but runs the tasks it has; it exits
 * when it has none left, and {@link #awaitTermination()} returns once its carriers are joined.
 * Not meant to be implemented outside weft.
 */
public interface Scheduler {

    /**
     * Spawns a task on this scheduler. Inside a task it is a LINKED child of the calling task
     * (as {@code Task.builder().scheduler(this).spawn(body)}); from a plain thread it is a root
     * task, whose failure is reported and seen by its handle but never fails the kernel.
     *
     * @param body the body
     * @param <T>  its value's type
     * @return the task's handle
     * @throws SchedulerClosedException if this scheduler is closed or has exited
     */
    <T> TaskHandle<T> spawn(TaskBody<T> body);

    /**
     * Spawns a task with a void body on this scheduler.
     *
     * @param body the body
     * @return the task's handle
     * @see #spawn(TaskBody)
     */
    TaskHandle<Void> spawn(TaskAction body);

    /** Refuses new spawns from now on; the scheduler exits once its live tasks reach zero. Idempotent. */
    void close();

    /**
     * Waits until this scheduler has exited and its carriers have been joined.
     *
     * @throws IllegalStateException if called from a task of this scheduler
     */
    void awaitTermination();

    /**
     * @param timeout how long to wait; not negative
     * @return whether it terminated in time
     * @throws IllegalStateException if called from a task of this scheduler
     */
    boolean awaitTermination(Duration timeout);

    /** @return whether {@link #close()} was called (or the kernel closed it) */
    boolean isClosed();

    /** @return whether it has exited and its carriers have been joined */
    boolean isTerminated();

    /** @return its name, unique among the kernel's live schedulers */
    String name();

    /** @return its number of carrier threads (as configured) */
    int threads();

    /** @return the number of its tasks that have not been reaped yet */
    int liveTasks();

    /**
     * @return the calling task's scheduler: the same object {@code newScheduler} returned
     * @throws IllegalStateException outside a task
     */
    static Scheduler current() {
        return TaskImpl.currentOrThrow("Scheduler.current()").scheduler();
    }
}
