package dev.weft.internal.kernel;

import dev.weft.internal.sched.SchedulerImpl;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's reaper: a small platform thread ({@code weft-reaper}) that joins the carriers of
 * exited schedulers (I2: joining is a worker thread's job, so the main thread stays free to be a
 * carrier), then counts the scheduler out of the kernel (I8). When the last scheduler is gone
 * after shutdown, it fires the kernel's termination signal and ends; whoever awaits termination
 * joins it (I1).
 *
 * <p>It waits on its inbox without a timeout (I9), except once shutdown has begun: then it wakes
 * after the kernel's shutdown grace to report the tasks that are still alive, and, if a shutdown
 * timeout is configured, gives up when it passes: the kernel fails (101), the handles of the
 * tasks still alive complete as Killed, and the reaper ends without joining the carriers that
 * still run them (they are named on stderr). The main-thread scheduler cannot be rescued that
 * way: its carrier is the thread inside {@code Kernel.run}, and the JVM has no preemption.
 *
 * <p>Inbox messages: an exited {@link SchedulerImpl}; {@link #SHUTDOWN} (the grace clock starts);
 * {@link #FINISH} (the last scheduler is gone).
 */
final class Reaper implements Runnable {
    private static final Object SHUTDOWN = new Object();
    private static final Object FINISH = new Object();

    private final KernelImpl kernel;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;

    Reaper(KernelImpl kernel) {
        this.kernel = kernel;
        this.thread = Thread.ofPlatform().name("weft-reaper").unstarted(this);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    void schedulerExited(SchedulerImpl s) {
        inbox.add(s);
    }

    void shutdownBegan() {
        inbox.add(SHUTDOWN);
    }

    void finish() {
        inbox.add(FINISH);
    }

    @Override
    public void run() {
        long shutdownAt = Long.MAX_VALUE;
        long graceNanos = kernel.config().shutdownGrace().toNanos();
        long timeoutNanos = kernel.config().shutdownTimeout().map(d -> d.toNanos()).orElse(Long.MAX_VALUE);
        boolean graceReported = false;
        for (;;) {
            long wakeAt = Long.MAX_VALUE;
            if (shutdownAt != Long.MAX_VALUE) {
                if (!graceReported) {
                    wakeAt = saturatedAdd(shutdownAt, graceNanos);
                }
                wakeAt = Math.min(wakeAt, saturatedAdd(shutdownAt, timeoutNanos));
            }
            Object msg;
            try {
                msg = wakeAt == Long.MAX_VALUE ? inbox.take() : inbox.poll(wakeAt - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue; // the reaper ignores interrupts: it must join everything
            }
            if (msg == null) {
                long elapsed = System.nanoTime() - shutdownAt;
                if (elapsed >= timeoutNanos) {
                    kernel.abandonStuckTasks(); // the shutdown timeout: give up on what ignores kill
                    kernel.terminatedSignal().fire();
                    return;
                }
                if (!graceReported && elapsed >= graceNanos) {
                    graceReported = true;
                    kernel.reportStillAlive();
                }
            } else if (msg == SHUTDOWN) {
                if (shutdownAt == Long.MAX_VALUE) {
                    shutdownAt = System.nanoTime();
                }
            } else if (msg == FINISH) {
                kernel.terminatedSignal().fire();
                return;
            } else {
                SchedulerImpl s = (SchedulerImpl) msg;
                for (Thread carrier : s.weftThreads()) {
                    joinUninterruptibly(carrier);
                }
                kernel.schedulerJoined(s); // first out of the kernel's list, so a terminated scheduler is never listed
                s.markTerminated();
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
