package dev.weft.internal.task;

import dev.weft.Link;
import dev.weft.Scheduler;
import dev.weft.SchedulerSpec;
import dev.weft.TaskBody;
import dev.weft.TaskHandle;
import dev.weft.internal.kernel.KernelImpl;
import dev.weft.internal.sched.SchedulerImpl;

/**
 * Resolves where a spawn goes and who the parent is, for {@code Task.spawn},
 * {@code Scheduler.spawn} and {@code TaskBuilder.spawn}; {@link KernelImpl#spawn} does the rest.
 */
public final class Spawner {
    private Spawner() {
    }

    /**
     * @param name         the task's name, or null
     * @param scheduler    the target scheduler, or null
     * @param newScheduler a spec for a scheduler of the task's own, or null
     * @param link         the link to the calling task
     * @param body         the body
     * @param <T>          the value type
     * @return the new task
     */
    public static <T> TaskHandle<T> spawn(String name, Scheduler scheduler, SchedulerSpec newScheduler, Link link,
                                          TaskBody<T> body) {
        TaskImpl<?> current = TaskImpl.currentOrNull();
        SchedulerImpl target;
        if (scheduler != null) {
            if (!(scheduler instanceof SchedulerImpl s)) {
                throw new IllegalArgumentException("not a weft scheduler: " + scheduler);
            }
            target = s;
        } else if (newScheduler != null) {
            if (current == null) {
                throw new IllegalStateException("Task.builder().newScheduler(..).spawn(..) was called outside a weft task: "
                        + "there is no kernel to make the scheduler in; use kernel.newScheduler(spec) instead");
            }
            target = current.kernel().newEphemeralScheduler(newScheduler);
        } else if (current != null) {
            target = current.scheduler();
        } else {
            throw new IllegalStateException("Task.spawn was called outside a weft task (on thread \""
                    + Thread.currentThread().getName() + "\"), so there is no current scheduler: "
                    + "use scheduler.spawn(..) or Task.builder().scheduler(s).spawn(..)");
        }
        KernelImpl kernel = target.kernel();
        TaskImpl<?> parent = current != null && current.kernel() == kernel ? current : null;
        return kernel.spawn(target, name, parent, link, body, false);
    }
}
