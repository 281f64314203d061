package dev.weft;

import java.util.List;

/**
 * Receives every task failure the kernel reports (see {@link KernelConfig#withFailureReporter}).
 * The default prints one report per original exception on {@code System.err}: task name, id,
 * the exception with its stack trace, and the tasks it then failed.
 *
 * <p>Called on the carrier of the failed task; it should be quick. An exception it throws is
 * caught and printed on {@code System.err}; it never breaks the kernel.
 */
@FunctionalInterface
public interface FailureReporter {

    /**
     * One failure.
     *
     * @param task       the task whose body threw (or the kernel, for {@link Kernel#fail})
     * @param cause      the original exception
     * @param failedToo  tasks that the failure then failed on its way up (LINKED parents)
     * @param failsKernel whether this failure fails the kernel
     */
    void report(TaskInfo task, Throwable cause, List<TaskId> failedToo, boolean failsKernel);

    /** @return a reporter that reports nothing (for tests and benchmarks) */
    static FailureReporter silent() {
        return (task, cause, failedToo, failsKernel) -> { };
    }
}
