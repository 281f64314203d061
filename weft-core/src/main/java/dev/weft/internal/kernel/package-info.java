/**
 * The kernel: task registry, schedulers, reaper, failure propagation, and the seams (clock,
 * random source).
 *
 * <h2>Implementation overview</h2>
 * {@code KernelImpl} owns the registry (a {@code ConcurrentHashMap} from id to task: I11), the
 * live-task and live-scheduler counters, and the termination {@code Signal}. {@code Reaper} is the
 * one platform thread that joins exited schedulers' carriers (I2) and counts them out (I8).
 * {@code Failures} spreads failure up LINKED edges and kills down (I10) and writes the reports.
 *
 * <h2>The end of a kernel (numbered protocol)</h2>
 * <ol>
 * <li>{@code shutdown()} sets SHUTDOWN in {@code schedCtl} (no new schedulers), tells the reaper
 *     (the grace clock starts) and closes every scheduler. In {@code Kernel.run} it is called by
 *     the reap of the last task, or by kernel failure.
 * <li>Each scheduler exits when closed and empty ({@code SchedulerImpl}); its last carrier (or
 *     the closer, if none ever started) hands it to the reaper.
 * <li>The reaper joins its carriers, removes it from the kernel's list, fires its termination
 *     signal, and decrements the live-scheduler count.
 * <li>Whoever moves the count to (SHUTDOWN, 0) posts FINISH; the reaper fires the kernel's
 *     termination signal and ends. {@code awaitTermination} then joins the reaper (I1).
 * </ol>
 * Tests: {@code KernelLifecycleTest}, {@code ShutdownTest}.
 */
package dev.weft.internal.kernel;
