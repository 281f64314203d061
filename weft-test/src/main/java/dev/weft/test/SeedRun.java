package dev.weft.test;

import dev.weft.FailureReporter;
import dev.weft.Kernel;
import dev.weft.KernelConfig;
import dev.weft.TaskAction;
import dev.weft.TaskId;
import dev.weft.TaskInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a test body under one seed: {@code Kernel.run(KernelConfig.deterministic(seed)
 * .withFailureReporter(recorder), body)}, and what went wrong in it, if anything.
 *
 * <p>A run fails when the body throws or when {@code Kernel.run} returns a non-zero status.
 * The failure it stands for is, in order: the cause of the first report that failed the kernel
 * (a linked child's exception, a deadlock report, {@code Kernel.fail}'s cause, the body's own
 * exception); else what the body threw; else the first reported cause; else an
 * {@link AssertionError} naming the status (a bare {@code setExitStatus(n)}). A failure that did
 * not fail the kernel (a SUPERVISED or UNLINKED child's) does not fail the run.
 *
 * <p>Without a timeout the kernel runs on the calling (JUnit) thread. With one it runs on a
 * daemon platform thread of its own, so that JUnit's timeout interrupt, which lands on the JUnit
 * thread, never reaches the kernel's carrier (deterministic mode runs every task on the thread
 * that called {@code Kernel.run}).
 */
final class SeedRun {

    /** The test body; runs inside the main task. */
    @FunctionalInterface
    interface Body {
        void run() throws Throwable;
    }

    /** How long the kernel may take to end after a timeout fails it. */
    private static final Duration FAIL_GRACE = Duration.ofSeconds(5);

    private record Report(TaskInfo task, Throwable cause, boolean failsKernel) { }

    private final long seed;
    private final Body body;
    private final String label;
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final AtomicReference<Kernel> kernel = new AtomicReference<>();
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private volatile int status = -1;
    private volatile Throwable kernelRunError;

    SeedRun(long seed, Body body, String label) {
        this.seed = seed;
        this.body = body;
        this.label = label;
    }

    /** Runs on the calling thread; returns the run's failure, or null if it passed. */
    Throwable run() {
        status = Kernel.run(config(), mainTask());
        return failure();
    }

    /**
     * Runs on a thread of its own, at most until {@code deadlineNanos} ({@link System#nanoTime}).
     * Past it: prints the kernel's tasks and the thread stacks on {@code System.err}, fails the
     * kernel and returns a {@link TimeoutException}. An interrupt of the calling thread (JUnit's
     * own timeout) counts as the deadline too, and is kept set.
     */
    Throwable runWithDeadline(long deadlineNanos, Duration timeout) {
        Thread runner = Thread.ofPlatform().name("weft-test-seed-" + seed).daemon(true).unstarted(() -> {
            try {
                status = Kernel.run(config(), mainTask());
            } catch (Throwable t) {
                kernelRunError = t;
            }
        });
        runner.start();
        boolean interrupted = false;
        try {
            long left;
            while (runner.isAlive() && (left = deadlineNanos - System.nanoTime()) > 0) {
                runner.join(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            if (runner.isAlive()) {
                return timedOut(runner, timeout);
            }
            if (kernelRunError != null) {
                throw sneaky(kernelRunError);
            }
            return failure();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Throwable timedOut(Thread runner, Duration timeout) {
        Kernel k = kernel.get();
        HangDump.print(System.err, "weft-test: @Timeout(" + TimeoutSettings.format(timeout) + ") of " + label
                + " expired while seed " + seed + " was running", k);
        TimeoutException e = new TimeoutException("@Timeout(" + TimeoutSettings.format(timeout) + ") expired while seed "
                + seed + " was running; the kernel's tasks and the thread stacks are on System.err");
        if (k != null) {
            k.fail(e);
        }
        boolean ended = joinQuietly(runner, FAIL_GRACE);
        if (!ended) {
            e.addSuppressed(new IllegalStateException("the kernel did not end within " + TimeoutSettings.format(FAIL_GRACE)
                    + " of Kernel.fail (a task that never reaches a weft call cannot be killed); its thread \""
                    + runner.getName() + "\" is left behind"));
        }
        return e;
    }

    /** Joins ignoring interrupts (JUnit's own timer may interrupt us now); keeps them. */
    private static boolean joinQuietly(Thread t, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        boolean interrupted = false;
        long left;
        while (t.isAlive() && (left = deadline - System.nanoTime()) > 0) {
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private KernelConfig config() {
        FailureReporter recorder = (TaskInfo task, Throwable cause, List<TaskId> failedToo, boolean failsKernel) ->
                reports.add(new Report(task, cause, failsKernel));
        return KernelConfig.deterministic(seed).withFailureReporter(recorder);
    }

    private TaskAction mainTask() {
        return () -> {
            kernel.set(Kernel.current());
            try {
                body.run();
            } catch (Throwable t) {
                thrown.set(t);
                throw sneaky(t);
            }
        };
    }

    /** The run's failure (see the class comment), or null if it passed. */
    private Throwable failure() {
        if (status == 0 && thrown.get() == null) {
            return null;
        }
        for (Report r : reports) {
            if (r.failsKernel()) {
                return r.cause();
            }
        }
        if (thrown.get() != null) {
            return thrown.get();
        }
        if (!reports.isEmpty()) {
            return reports.getFirst().cause();
        }
        return new AssertionError("the kernel ended with exit status " + status + " and no task failure was reported");
    }

    /** Every other cause reported during the run, to attach as suppressed. */
    List<Throwable> otherFailures(Throwable chosen) {
        return reports.stream().map(Report::cause).filter(c -> c != chosen).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
