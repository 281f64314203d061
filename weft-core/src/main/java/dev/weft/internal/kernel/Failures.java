package dev.weft.internal.kernel;

import dev.weft.FailureReporter;
import dev.weft.Link;
import dev.weft.TaskId;
import dev.weft.TaskInfo;
import dev.weft.TaskKilledException;
import dev.weft.TaskState;
import dev.weft.internal.task.TaskImpl;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How failure and kill spread between tasks, and how they are reported (API.md, "Outcomes";
 * DESIGN.md I10).
 *
 * <ul>
 * <li>Up: an exception escaping a task travels up LINKED edges. Each ancestor still running takes
 *     it ({@link TaskImpl#markFailedFromChild}: woken as if killed, outcome Failed(original)) and its
 *     LINKED/SUPERVISED descendants are killed; an ancestor already killed, failed or ended lets it
 *     pass through unchanged. Reaching the main task fails the kernel.
 * <li>Down: a kill, or a task's failure, kills its LINKED and SUPERVISED descendants. The walk
 *     follows live tasks only: it does not pass down through a task that has already ended
 *     (a parent that ends normally leaves its children running, and a kill of it has no effect).
 * <li>Kernel failure: every task is killed and every scheduler closed; the status becomes 101.
 * </ul>
 *
 * <p>Two phases: every task one kill or failure reaches is first marked (killed, or failed by its
 * child), and only then are they all woken ({@link TaskImpl#wake()}). Otherwise a task woken
 * early could end and be joined by another task of the same group that is not marked yet, which
 * would see a Killed outcome where its own join should throw TaskKilledException
 * ({@code LinkCombinationTest}; {@code KernelFailureTest.aKernelFailureMarksEveryTaskBeforeWakingAny}).
 *
 * <p>Tasks keep no list of children (a spawn would pay for it). {@link #markDescendants} scans
 * the registry once and walks the parent links. A child registered concurrently with the scan is
 * caught by the spawner, which reads its parent's kill state after the registry put (see
 * {@code KernelImpl.spawn}): one of the two sees the other.
 */
public final class Failures {
    private final KernelImpl kernel;
    private final FailureReporter reporter;
    private final AtomicReference<Throwable> kernelFailure = new AtomicReference<>();

    Failures(KernelImpl kernel, FailureReporter reporter) {
        this.kernel = kernel;
        this.reporter = reporter;
    }

    /** @return the first cause of kernel failure, or null */
    public Throwable kernelFailure() {
        return kernelFailure.get();
    }

    /**
     * An exception escaped {@code t}'s body (on {@code t}'s thread): spread it and report it once.
     *
     * @param t     the task
     * @param cause the exception
     */
    public void taskThrew(TaskImpl<?> t, Throwable cause) {
        List<TaskImpl<?>> marked = new ArrayList<>();
        markDescendants(t, marked, cause);
        List<TaskId> failedToo = new ArrayList<>();
        TaskImpl<?> cur = t;
        while (cur.link() == Link.LINKED && cur.parent() != null) {
            cur = cur.parent();
            if (cur.markFailedFromChild(cause)) {
                failedToo.add(cur.id());
                marked.add(cur);
                markDescendants(cur, marked, cause);
            }
        }
        boolean failsKernel = cur.isMain() && kernel.isRunMode();
        boolean first = failsKernel && kernelFailure.compareAndSet(null, cause);
        if (first) {
            markEverything(marked, cause);
        }
        report(t.info(), cause, failedToo, first);
        wakeAll(marked);
        if (first) {
            kernel.shutdown();
        }
    }

    /**
     * {@code t} was killed by its handle (already marked): kill its descendants and wake them all;
     * killing the main task fails the kernel, reported as "main task killed" with the killer's
     * stack.
     *
     * @param t the task
     */
    public void killed(TaskImpl<?> t) {
        List<TaskImpl<?>> marked = new ArrayList<>();
        marked.add(t);
        markDescendants(t, marked, null);
        wakeAll(marked);
        if (t.isMain()) {
            kernelFailed(new TaskKilledException("main task killed (by " + Thread.currentThread().getName()
                    + "; the stack trace is the killer's)"), t.info());
        }
    }

    /**
     * A killed task's body ended; {@code thrown} is what escaped it (may be null). Kills are not
     * reported (API.md); an exception the task threw while being killed (a {@code finally} that
     * failed, say) is not lost: when a failure killed the task, it is attached to that failure as
     * suppressed, so it shows wherever the failure is seen afterwards (the failed task's result,
     * {@code join}'s cause, the kernel's failure). The failure's stderr report, printed when the
     * failure happened, cannot include it. Exceptions that are the kill itself
     * (TaskKilledException, an interrupt, a join on a killed task) are not attached.
     *
     * @param t      the task
     * @param thrown what escaped its body, or null
     */
    public void killedTaskEnded(TaskImpl<?> t, Throwable thrown) {
        Throwable cause = t.killCause();
        if (thrown == null || cause == null || cause == thrown || isKillFallout(thrown)) {
            return;
        }
        cause.addSuppressed(thrown); // Throwable.addSuppressed is synchronized
    }

    private static boolean isKillFallout(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TaskKilledException || e instanceof InterruptedException
                    || e instanceof dev.weft.TaskInterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kernel failure by {@code Kernel.fail}: the first cause stands; every task is killed, every
     * scheduler closed. Reported naming the calling task, or "kernel" from a plain thread.
     *
     * @param cause why
     */
    public void kernelFailed(Throwable cause) {
        TaskImpl<?> by = TaskImpl.currentOrNull();
        TaskInfo who = by != null && by.kernel() == kernel ? by.info()
                : new TaskInfo(new TaskId(Long.MAX_VALUE), "kernel", TaskState.RUNNING, "-", Optional.empty());
        kernelFailed(cause, who);
    }

    /**
     * @param cause why
     * @param who   the task to name in the report
     */
    private void kernelFailed(Throwable cause, TaskInfo who) {
        if (!kernelFailure.compareAndSet(null, cause)) {
            return;
        }
        report(who, cause, List.of(), true);
        List<TaskImpl<?>> marked = new ArrayList<>();
        markEverything(marked, cause);
        wakeAll(marked);
        kernel.shutdown();
    }

    private void markEverything(List<TaskImpl<?>> marked, Throwable cause) {
        for (TaskImpl<?> t : kernel.liveTaskList()) {
            if (t.markKilled(cause)) {
                marked.add(t);
            }
        }
    }

    private static void wakeAll(List<TaskImpl<?>> marked) {
        for (TaskImpl<?> t : marked) {
            t.wake();
        }
    }

    /** Marks every LINKED or SUPERVISED descendant of {@code root} killed, adding them to {@code marked}. */
    private void markDescendants(TaskImpl<?> root, List<TaskImpl<?>> marked, Throwable cause) {
        Map<TaskImpl<?>, List<TaskImpl<?>>> children = new HashMap<>();
        for (TaskImpl<?> t : kernel.liveTaskList()) {
            TaskImpl<?> p = t.parent();
            if (p != null && t.link() != Link.UNLINKED) {
                children.computeIfAbsent(p, k -> new ArrayList<>(2)).add(t);
            }
        }
        ArrayDeque<TaskImpl<?>> todo = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            TaskImpl<?> t = todo.poll();
            if (t.markKilled(cause)) {
                marked.add(t);
            }
            todo.addAll(children.getOrDefault(t, List.of()));
        }
    }

    // ------------------------------------------------------------------ reports

    private void report(TaskInfo task, Throwable cause, List<TaskId> failedToo, boolean failsKernel) {
        FailureReporter r = reporter;
        if (r == null) {
            printReport(System.err, task, cause, failedToo, failsKernel);
            return;
        }
        try {
            r.report(task, cause, List.copyOf(failedToo), failsKernel);
        } catch (Throwable broken) {
            System.err.println("weft: the failure reporter threw " + broken + " while reporting a failure of "
                    + task.name() + "; the report follows");
            printReport(System.err, task, cause, failedToo, failsKernel);
            return;
        }
        if (failsKernel) {
            // The failure that fails the kernel is always reported (API.md), whatever the reporter does.
            System.err.println("weft: the kernel failed (exit status 101): " + task.name() + " (" + task.id() + "): " + cause);
        }
    }

    static void printReport(PrintStream out, TaskInfo task, Throwable cause, List<TaskId> failedToo, boolean failsKernel) {
        StringBuilder head = new StringBuilder("weft: ");
        if (task.name().equals("kernel")) {
            head.append("Kernel.fail was called");
        } else {
            head.append("task '").append(task.name()).append("' (").append(task.id()).append(") on scheduler '")
                    .append(task.scheduler()).append("' failed");
        }
        if (!failedToo.isEmpty()) {
            head.append("; it failed linked tasks ").append(failedToo);
        }
        if (failsKernel) {
            head.append("; the kernel failed (exit status 101)");
        }
        synchronized (out) {
            out.println(head);
            cause.printStackTrace(out);
        }
    }

    void reportStillAlive(List<TaskImpl<?>> alive, Duration grace) {
        if (alive.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("weft: the kernel has been shutting down for more than ").append(grace)
                .append("; these tasks are still alive (kill is cooperative: a task that never reaches a blocking call cannot be stopped):\n");
        alive.sort((a, b) -> a.id().compareTo(b.id()));
        for (TaskImpl<?> t : alive) {
            sb.append("  ").append(t.id()).append(" '").append(t.name()).append("' ").append(t.state())
                    .append(" on '").append(t.scheduler().name()).append("'").append(t.isDoomed() ? " (killed)" : "")
                    .append(t.weftWait() != null ? " waiting on " + t.weftWait() : " (not in a weft call: running, or blocked in JDK code)")
                    .append('\n');
            Thread th = t.thread();
            if (th != null) {
                for (StackTraceElement e : th.getStackTrace()) {
                    sb.append("      at ").append(e).append('\n');
                }
            }
        }
        System.err.print(sb.toString());
    }
}
