package dev.weft;

import dev.weft.internal.task.Spawner;
import java.util.Objects;

/**
 * Spawns a task with a name, a scheduler and a link mode:
 * <pre>{@code
 * TaskHandle<Integer> h = Task.builder().name("worker-7").scheduler(workers).link(Link.SUPERVISED).spawn(() -> 7);
 * }</pre>
 * Defaults: named {@code "task-<id>"}, on the calling task's scheduler, {@link Link#LINKED} to the
 * calling task. From a plain thread a scheduler must be given, and the task is a root task.
 * A builder can spawn several tasks; it is not thread-safe.
 */
public final class TaskBuilder {
    private String name;
    private Scheduler scheduler;
    private SchedulerSpec newScheduler;
    private Link link = Link.LINKED;

    TaskBuilder() {
    }

    /**
     * @param name the task's name (also its virtual thread's name); not null
     * @return this builder
     */
    public TaskBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "task name");
        return this;
    }

    /**
     * @param scheduler where the task runs; not null
     * @return this builder
     */
    public TaskBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.newScheduler = null;
        return this;
    }

    /**
     * Runs the task on a scheduler of its own, made from {@code spec} at spawn and exiting when its
     * live task count reaches zero (the task and any children it spawns there).
     *
     * @param spec the new scheduler's threads and name
     * @return this builder
     */
    public TaskBuilder newScheduler(SchedulerSpec spec) {
        this.newScheduler = Objects.requireNonNull(spec, "scheduler spec");
        this.scheduler = null;
        return this;
    }

    /**
     * @param link how failure spreads between the task and the calling task; not null
     * @return this builder
     */
    public TaskBuilder link(Link link) {
        this.link = Objects.requireNonNull(link, "link");
        return this;
    }

    /**
     * @param body the body
     * @param <T>  its value's type
     * @return the task's handle
     * @throws SchedulerClosedException if the scheduler is closed
     * @throws IllegalStateException    outside a task with no scheduler given
     */
    public <T> TaskHandle<T> spawn(TaskBody<T> body) {
        Objects.requireNonNull(body, "task body");
        return Spawner.spawn(name, scheduler, newScheduler, link, body);
    }

    /**
     * @param body the body
     * @return the task's handle
     * @see #spawn(TaskBody)
     */
    public TaskHandle<Void> spawn(TaskAction body) {
        Objects.requireNonNull(body, "task body");
        return Spawner.spawn(name, scheduler, newScheduler, link, () -> {
            body.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "TaskBuilder[name=" + name + ", scheduler=" + (scheduler != null ? scheduler.name() : newScheduler)
                + ", link=" + link + "]";
    }
}
