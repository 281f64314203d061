package dev.weft;

/**
 * The identity of a task within its kernel: a key into the kernel's registry
 * ({@link Kernel#lookup}). Ids are numbered per kernel from 1 (the main task of
 * {@link Kernel#run} is 1) and never reused within a kernel.
 *
 * @param value the number, {@code >= 1}
 */
public record TaskId(long value) implements Comparable<TaskId> {

    /**
     * @param value the number, {@code >= 1}
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public TaskId {
        if (value < 1) {
            throw new IllegalArgumentException("task id must be >= 1, got " + value);
        }
    }

    @Override
    public int compareTo(TaskId other) {
        return Long.compare(value, other.value);
    }

    /** @return {@code "task#<value>"} */
    @Override
    public String toString() {
        return "task#" + value;
    }
}
