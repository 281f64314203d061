package dev.weft;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one live task, as listed by {@link Kernel#tasks()}.
 *
 * @param id        the task's id
 * @param name      the task's name ({@code "task-<id>"} unless named)
 * @param state     its state when the snapshot was taken
 * @param scheduler the name of the scheduler it runs on
 * @param parent    the task that spawned it; empty for root tasks
 */
public record TaskInfo(TaskId id, String name, TaskState state, String scheduler, Optional<TaskId> parent) {
    /** Checks that no component is null. */
    public TaskInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(parent, "parent");
    }
}
