package dev.weft.internal.carrier;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The one place that reaches the JDK's non-public virtual-thread machinery (DESIGN.md, "How a
 * task runs"). Everything here needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or
 * {@code =dev.weft} on the module path); when a public API for custom schedulers arrives, this is
 * the file that changes.
 *
 * <ul>
 * <li>{@link #newThread}: {@code java.lang.ThreadBuilders.newVirtualThread(Executor, String, int,
 *     Runnable)}, the factory behind {@code ThreadBuilders$VirtualThreadBuilder(Executor)}. The
 *     executor receives the thread's continuation every time the thread becomes runnable.
 * <li>{@link #schedulerOf(Thread)}: {@code VirtualThread.scheduler}, so a task finds itself from
 *     its own thread.
 * <li>{@link #currentCarrierThread()}: {@code Thread.currentCarrierThread()}, so a submission
 *     can tell that it comes from a task running on one of the scheduler's own carriers.
 * <li>{@link #jdkDefaultScheduler()}: {@code VirtualThread.DEFAULT_SCHEDULER}, where guest
 *     virtual threads continue once their weft scheduler has exited.
 * <li>{@link #initSocketPollers()}: initialises {@code sun.nio.ch.Poller} from a platform thread,
 *     so the JDK's poller threads never land on a weft carrier.
 * </ul>
 *
 * <p>{@link #ensureAvailable()} builds (without starting) one probe thread, because with
 * {@code -XX:-VMContinuations} the reflective access works but building a thread throws; the
 * error must appear at kernel start, not at the first spawn.
 */
public final class VirtualThreads {
    /** The exact flag a user must add; named in every error. */
    public static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final MethodHandle NEW_VIRTUAL_THREAD;
    private static final MethodHandle CURRENT_CARRIER_THREAD;
    private static final MethodHandle SCHEDULER_OF;
    private static final Executor JDK_DEFAULT_SCHEDULER;
    private static final RuntimeException UNAVAILABLE;

    static {
        MethodHandle factory = null;
        MethodHandle currentCarrier = null;
        MethodHandle schedulerOf = null;
        Executor defaultScheduler = null;
        RuntimeException unavailable = null;
        try {
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builders, MethodHandles.lookup());
            factory = lookup.findStatic(builders, "newVirtualThread",
                    MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
            currentCarrier = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
            Class<?> vthread = Class.forName("java.lang.VirtualThread");
            schedulerOf = MethodHandles.privateLookupIn(vthread, MethodHandles.lookup())
                    .findGetter(vthread, "scheduler", Executor.class)
                    .asType(MethodType.methodType(Executor.class, Thread.class));
            Field f = vthread.getDeclaredField("DEFAULT_SCHEDULER");
            f.setAccessible(true);
            defaultScheduler = (Executor) f.get(null);
        } catch (IllegalAccessException | RuntimeException e) {
            String module = VirtualThreads.class.getModule().isNamed()
                    ? " (on the module path: --add-opens java.base/java.lang=" + VirtualThreads.class.getModule().getName() + ")"
                    : "";
            unavailable = new IllegalStateException("weft runs tasks as virtual threads on its own carrier threads, "
                    + "which needs the JVM flag " + FLAG + module + ". Add it to the java command line "
                    + "(or Add-Opens: java.base/java.lang to an executable jar's manifest).", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            unavailable = new IllegalStateException("this JDK (" + Runtime.version() + ") does not have the "
                    + "virtual-thread internals weft needs (java.lang.ThreadBuilders.newVirtualThread); weft needs JDK 25", e);
        }
        NEW_VIRTUAL_THREAD = factory;
        CURRENT_CARRIER_THREAD = currentCarrier;
        SCHEDULER_OF = schedulerOf;
        JDK_DEFAULT_SCHEDULER = defaultScheduler != null ? defaultScheduler : ForkJoinPool.commonPool();
        UNAVAILABLE = unavailable;
    }

    private static volatile boolean probed;

    private VirtualThreads() {
    }

    /**
     * Checks, once per JVM, that weft can build virtual threads on its own executors.
     *
     * @throws IllegalStateException naming {@link #FLAG} if the flag is missing, or naming the
     *                               cause if this JVM cannot build such threads
     */
    public static void ensureAvailable() {
        if (probed) {
            return;
        }
        if (UNAVAILABLE != null) {
            throw new IllegalStateException(UNAVAILABLE.getMessage(), UNAVAILABLE.getCause());
        }
        try {
            newThread(Runnable::run, "weft-probe", () -> { });
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("this JVM cannot run virtual threads on custom carriers "
                    + "(is it started with -XX:-VMContinuations?): " + e, e);
        }
        probed = true;
    }

    /**
     * Builds an unstarted virtual thread whose continuation is submitted to {@code scheduler}.
     *
     * @param scheduler receives the continuation each time the thread becomes runnable
     * @param name      the thread's name
     * @param body      what the thread runs
     * @return the unstarted thread
     */
    public static Thread newThread(Executor scheduler, String name, Runnable body) {
        try {
            return (Thread) NEW_VIRTUAL_THREAD.invokeExact(scheduler, name, 0, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * {@code Thread.currentCarrierThread()}: the platform thread the caller runs on (itself, for a
     * platform thread; its carrier, for a mounted virtual thread). An intrinsic: a few cycles.
     *
     * @return the current carrier thread
     */
    public static Thread currentCarrierThread() {
        try {
            return (Thread) CURRENT_CARRIER_THREAD.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The executor a virtual thread submits its continuations to ({@code VirtualThread.scheduler}).
     * For a task's own thread that is the task itself, which makes "which task is this?" one field
     * load instead of a {@code ScopedValue} binding per task (measured: ~11% of skynet's CPU and
     * ~200 bytes per task).
     *
     * @param vthread a virtual thread
     * @return its scheduler
     */
    public static Executor schedulerOf(Thread vthread) {
        try {
            return (Executor) SCHEDULER_OF.invokeExact(vthread);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** @return the JDK's default virtual-thread scheduler (where guests go after their scheduler exits) */
    public static Executor jdkDefaultScheduler() {
        return JDK_DEFAULT_SCHEDULER;
    }

    private static volatile boolean pollersReady;

    /**
     * Initialises the JDK's socket pollers from the calling platform thread (DESIGN.md: if a weft
     * carrier were the first to do socket I/O, the pollers would land on that scheduler). Class
     * initialisation does not check module access, so no extra flag is needed. Idempotent.
     */
    public static void initSocketPollers() {
        if (pollersReady) {
            return;
        }
        try {
            Class.forName("sun.nio.ch.Poller", true, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // No pollers in this JDK build: nothing can land on a carrier then.
        }
        pollersReady = true;
    }
}
