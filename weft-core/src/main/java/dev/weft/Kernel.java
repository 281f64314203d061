package dev.weft;

import dev.weft.internal.kernel.KernelImpl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The runtime: owns schedulers, which own carrier threads, which run tasks.
 *
 * <p>Two ways to use it:
 * <ul>
 * <li>{@link #run(TaskAction)} makes the calling thread the carrier of the <em>main-thread
 *     scheduler</em>, runs the main task (id 1) on it, and returns the exit status once every
 *     task has ended, every scheduler has exited and every thread weft started has been joined.
 * <li>{@link #start(KernelConfig)} makes an embedded kernel with no main-thread scheduler; the
 *     caller spawns on its schedulers and {@link #close() closes} it.
 * </ul>
 *
 * <p>Exit status: 0 when the kernel ends normally (or what {@link #setExitStatus} set); 101
 * when the kernel failed (the main task failed or was killed, a linked failure reached it, or
 * {@link #fail} was called). weft never calls {@code System.exit}.
 *
 * <p>Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or {@code =dev.weft} on the
 * module path); without it {@code run} and {@code start} throw {@link IllegalStateException}
 * naming the flag. Not meant to be implemented outside weft.
 */
public interface Kernel extends AutoCloseable {

    /**
     * Runs {@code main} as the main task of a new kernel with the default config.
     *
     * @param main the main task's body
     * @return the exit status: 0, what {@link #setExitStatus} set, or 101 if the kernel failed
     * @throws IllegalStateException if called from inside a task or from a virtual thread, or
     *                               if the JVM lacks the {@code --add-opens} flag
     */
    static int run(TaskAction main) {
        return run(KernelConfig.defaults(), main);
    }

    /**
     * Runs {@code main} (a value-returning body; the value is ignored) as the main task.
     *
     * @param main the main task's body
     * @return the exit status
     * @see #run(TaskAction)
     */
    static int run(TaskBody<?> main) {
        return run(KernelConfig.defaults(), main);
    }

    /**
     * Runs {@code main} as the main task of a new kernel built from {@code config}.
     *
     * @param config the kernel's config ({@link KernelConfig#deterministic} is accepted here)
     * @param main   the main task's body
     * @return the exit status
     * @see #run(TaskAction)
     */
    static int run(KernelConfig config, TaskAction main) {
        java.util.Objects.requireNonNull(main, "main task body");
        return KernelImpl.run(config, () -> {
            main.run();
            return null;
        });
    }

    /**
     * Runs {@code main} as the main task of a new kernel built from {@code config}.
     *
     * @param config the kernel's config
     * @param main   the main task's body
     * @return the exit status
     * @see #run(TaskAction)
     */
    static int run(KernelConfig config, TaskBody<?> main) {
        java.util.Objects.requireNonNull(main, "main task body");
        return KernelImpl.run(config, main);
    }

    /**
     * Starts an embedded kernel: a default scheduler and no main-thread scheduler.
     *
     * @param config the config; not deterministic
     * @return the running kernel; {@link #close()} it
     * @throws IllegalArgumentException for a deterministic config
     * @throws IllegalStateException    if the JVM lacks the {@code --add-opens} flag
     */
    static Kernel start(KernelConfig config) {
        return KernelImpl.start(config);
    }

    /**
     * @return the kernel of the calling task
     * @throws IllegalStateException outside a task
     */
    static Kernel current() {
        return KernelImpl.current();
    }

    /**
     * @return the scheduler whose single carrier is the thread that called {@link #run}
     * @throws IllegalStateException for an embedded kernel, which has none
     */
    Scheduler mainScheduler();

    /** @return the default scheduler: {@link KernelConfig#defaultThreads()} carriers */
    Scheduler defaultScheduler();

    /**
     * Creates a scheduler. It lives until {@link Scheduler#close() closed}; its carriers are not
     * daemon threads (as with {@code Executors}). Inside {@link #run}, the kernel closes it when
     * the last task ends.
     *
     * @param spec its threads and name
     * @return the new scheduler
     * @throws IllegalArgumentException if a live scheduler already has that name
     * @throws IllegalStateException    if the kernel is shutting down
     */
    Scheduler newScheduler(SchedulerSpec spec);

    /** @return the number of schedulers that have not exited yet */
    int liveSchedulers();

    /** @return the live schedulers, in creation order */
    List<Scheduler> schedulers();

    /**
     * @param id a task id
     * @return the task, if it is alive (not yet reaped); never throws for unknown ids
     */
    Optional<TaskHandle<?>> lookup(TaskId id);

    /** @return a snapshot of every live task, ordered by id */
    List<TaskInfo> tasks();

    /**
     * Fails the kernel: kills every task and returns at once. {@link #run} and
     * {@link #awaitTermination()} then wait for every scheduler to exit and report 101. Called
     * twice, the first cause stands.
     *
     * @param cause why; reported on {@code System.err}
     */
    void fail(Throwable cause);

    /** @return whether the kernel has failed */
    boolean isFailed();

    /**
     * Sets the status {@link #run} returns if nothing fails. Once the kernel has failed, 101
     * stands and this is ignored.
     *
     * @param status the exit status
     */
    void setExitStatus(int status);

    /**
     * Closes every scheduler; returns at once. Tasks already spawned keep running; new spawns are
     * refused.
     */
    void shutdown();

    /**
     * Waits until every scheduler has exited and every thread weft started has been joined.
     *
     * @return the exit status
     * @throws IllegalStateException if called from a task of this kernel (it would wait for itself)
     */
    int awaitTermination();

    /**
     * @param timeout how long to wait; not negative
     * @return whether the kernel terminated in time
     * @throws IllegalStateException if called from a task of this kernel
     */
    boolean awaitTermination(Duration timeout);

    /**
     * {@link #shutdown()}, then {@link #awaitTermination()}: every task has ended and every carrier
     * has been joined when it returns.
     *
     * @throws IllegalStateException if called from a task of this kernel
     */
    @Override
    void close();
}
