package dev.weft.internal.sched;

import dev.weft.internal.carrier.VirtualThreads;

/**
 * One submission of a guest: a virtual thread started with plain JDK calls inside a task
 * ({@code Thread.ofVirtual()}, {@code newVirtualThreadPerTaskExecutor}, structured forks). It
 * inherits its creator's executor, so its continuations arrive here. Guests are not tasks: not
 * counted, listed, killed or waited for. While the scheduler lives they run on its carriers;
 * after it exits, on the JDK's default scheduler, so nothing hangs.
 *
 * @param continuation the guest's {@code runContinuation}
 */
record GuestRun(Runnable continuation) implements QueueItem {
    @Override
    public void runOn(Carrier carrier) {
        continuation.run();
    }

    @Override
    public void abandon() {
        VirtualThreads.jdkDefaultScheduler().execute(continuation);
    }
}
