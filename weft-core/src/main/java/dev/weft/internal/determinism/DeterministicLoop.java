package dev.weft.internal.determinism;

import dev.weft.internal.kernel.KernelImpl;
import dev.weft.internal.sched.QueueItem;
import dev.weft.internal.task.TaskImpl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic mode's only carrier: the thread inside {@code Kernel.run} runs every task of every
 * scheduler, one at a time, in the order {@link SeededRunQueue} draws from the seed.
 *
 * <h2>The loop</h2>
 * <ol>
 * <li>Run a randomly picked runnable item, if any.
 * <li>Else, if the kernel has shut down and no task is left: return.
 * <li>Else, if a weft timer is pending: jump the {@link VirtualClock} to it (its tasks become
 *     runnable) and go on.
 * <li>Else, if every live task waits inside a weft call: deadlock. The kernel fails with a report
 *     of every task (id, name, what it waits on, stack); the kill wakes them and the loop goes on.
 * <li>Else some task waits outside weft (a JDK timer, a lock or latch held by a plain thread,
 *     I/O): warn once per task that replay is no longer guaranteed, and wait in real time for a
 *     submission.
 * </ol>
 * Everything the loop does depends only on the seed and on what the tasks do, so the same program
 * with the same seed runs the same way, as long as no task blocks outside weft.
 */
public final class DeterministicLoop {
    private final KernelImpl kernel;
    private final SeededRunQueue queue;
    private final VirtualClock clock;
    private final long seed;
    /** At most this many tasks are named in warnings (then one line says there are more). */
    private static final int MAX_WARNINGS = 5;
    private final Set<Long> warned = new HashSet<>();
    private boolean deadlockReported;

    /**
     * @param kernel the deterministic kernel
     * @param queue  its shared run queue
     * @param clock  its virtual clock
     * @param seed   its seed (for messages)
     */
    public DeterministicLoop(KernelImpl kernel, SeededRunQueue queue, VirtualClock clock, long seed) {
        this.kernel = kernel;
        this.queue = queue;
        this.clock = clock;
        this.seed = seed;
    }

    /** Runs until the kernel has shut down and its last task has been reaped. */
    public void run() {
        for (;;) {
            QueueItem item = queue.poll();
            if (item != null) {
                runItem(item);
                continue;
            }
            if (kernel.isShutdown() && kernel.liveTaskCount() == 0) {
                for (QueueItem left; (left = queue.poll()) != null; ) {
                    left.abandon(); // guests continue on the JDK's scheduler; stale entries are dropped
                }
                return;
            }
            if (clock.advanceToNextTimer()) {
                continue;
            }
            List<TaskImpl<?>> live = kernel.liveTaskList();
            live.sort(Comparator.comparing(TaskImpl::id));
            List<TaskImpl<?>> outside = live.stream().filter(t -> t.weftWait() == null).toList();
            if (!live.isEmpty() && outside.isEmpty() && !deadlockReported) {
                deadlockReported = true;
                kernel.failures().kernelFailed(new IllegalStateException(deadlockReport(live)));
                continue;
            }
            warnOutsideWeft(outside);
            queue.awaitOffer();
        }
    }

    private static void runItem(QueueItem item) {
        try {
            item.runOn(null);
        } catch (Throwable t) {
            System.err.println("weft: internal error in the deterministic loop: " + t);
            t.printStackTrace();
        }
    }

    private String deadlockReport(List<TaskImpl<?>> live) {
        StringBuilder sb = new StringBuilder("deadlock in a deterministic kernel (seed ").append(seed)
                .append("): every live task waits in a weft call and no weft timer is pending:");
        for (TaskImpl<?> t : live) {
            sb.append("\n  ").append(t.id()).append(" '").append(t.name()).append("' on '").append(t.scheduler().name())
                    .append("' waits on ").append(t.weftWait());
            Thread th = t.thread();
            if (th != null) {
                for (StackTraceElement e : th.getStackTrace()) {
                    sb.append("\n      at ").append(e);
                }
            }
        }
        return sb.toString();
    }

    private void warnOutsideWeft(List<TaskImpl<?>> outside) {
        for (TaskImpl<?> t : outside) {
            if (warned.size() >= MAX_WARNINGS || !warned.add(t.id().value())) {
                continue;
            }
            if (warned.size() == MAX_WARNINGS) {
                System.err.println("weft: deterministic kernel (seed " + seed + "): more tasks block outside weft; "
                        + "no further warnings for this kernel");
                continue;
            }
            Thread th = t.thread();
            List<String> where = new ArrayList<>();
            if (th != null) {
                for (StackTraceElement e : th.getStackTrace()) {
                    where.add(e.toString());
                    if (where.size() == 4) {
                        break;
                    }
                }
            }
            System.err.println("weft: deterministic kernel (seed " + seed + "): task '" + t.name() + "' (" + t.id()
                    + ") blocks outside weft, so replay is no longer guaranteed; the kernel waits for it in real time. It is in "
                    + String.join(" <- ", where));
        }
    }
}
