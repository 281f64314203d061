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
 * after the kernel's shutdown grace to report the tasks that are still alive.
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
        long graceDeadline = Long.MAX_VALUE;
        boolean graceReported = false;
        long graceNanos = kernel.config().shutdownGrace().toNanos();
        for (;;) {
            Object msg;
            try {
                if (graceDeadline == Long.MAX_VALUE || graceReported) {
                    msg = inbox.take();
                } else {
                    msg = inbox.poll(graceDeadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                continue; // the reaper ignores interrupts: it must join everything
            }
            if (msg == null) {
                graceReported = true;
                kernel.reportStillAlive();
            } else if (msg == SHUTDOWN) {
                if (graceDeadline == Long.MAX_VALUE) {
                    graceDeadline = System.nanoTime() + graceNanos;
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
