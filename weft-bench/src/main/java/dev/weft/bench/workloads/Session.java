package dev.weft.bench.workloads;

import dev.weft.Kernel;
import dev.weft.KernelConfig;
import dev.weft.Scheduler;
import dev.weft.SchedulerSpec;
import dev.weft.TaskBody;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An open runtime that workloads run on: set up once, used for warm-up and measured runs, then
 * closed. The runner and the JMH benchmarks open sessions the same way ({@link #open}), so both
 * measure the same thing. Workload code switches on the three kinds:
 * <ul>
 * <li>{@link Weft}: a weft scheduler; workloads spawn root tasks on it from the calling thread
 *     (a plain platform thread) and join them;
 * <li>{@link JdkVirtual}: virtual threads on the JDK's default scheduler;
 * <li>{@link PlatformPool}: {@code Executors.newFixedThreadPool(cores)}.
 * </ul>
 */
public abstract sealed class Session implements AutoCloseable permits Session.Weft, Session.JdkVirtual, Session.PlatformPool {
    private final RuntimeId runtime;

    Session(RuntimeId runtime) {
        this.runtime = runtime;
    }

    /** @return which runtime this is */
    public RuntimeId runtime() {
        return runtime;
    }

    /**
     * Opens a runtime. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} for the weft ones.
     *
     * @param runtime which
     * @return the open session; close it
     */
    public static Session open(RuntimeId runtime) {
        int cores = Runtime.getRuntime().availableProcessors();
        return switch (runtime) {
            case WEFT_1 -> Weft.embedded(runtime, 1);
            case WEFT_DEFAULT -> Weft.embedded(runtime, cores);
            case WEFT_MAIN -> Weft.mainThread();
            case WEFT_DET -> Weft.mainThread(RuntimeId.WEFT_DET, KernelConfig.deterministic(42));
            case JDK_VIRTUAL -> new JdkVirtual();
            case PLATFORM_POOL -> new PlatformPool(cores);
        };
    }

    /**
     * Runs {@code body} once as a task of this runtime (a weft task, a virtual thread, or on a
     * pool thread) and waits for its value. Workloads use it for their driver task.
     *
     * @param body what to run
     * @param <T>  its value type
     * @return its value
     * @throws Exception what the body threw
     */
    public abstract <T> T call(TaskBody<T> body) throws Exception;

    @Override
    public abstract void close();

    @Override
    public String toString() {
        return runtime.id();
    }

    // ------------------------------------------------------------------ weft

    /** A weft scheduler: an embedded kernel's default scheduler, or a main-thread scheduler. */
    public static final class Weft extends Session {
        private final Kernel kernel;
        private final Scheduler scheduler;
        private final Runnable closer;

        private Weft(RuntimeId runtime, Kernel kernel, Scheduler scheduler, Runnable closer) {
            super(runtime);
            this.kernel = kernel;
            this.scheduler = scheduler;
            this.closer = closer;
        }

        /**
         * An embedded kernel ({@code Kernel.start}) whose default scheduler has {@code carriers}
         * carriers. Also used by the JMH channel benchmarks for "two carriers".
         *
         * @param runtime  the id it reports
         * @param carriers carriers of the default scheduler
         * @return the session
         */
        public static Weft embedded(RuntimeId runtime, int carriers) {
            Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(carriers));
            return new Weft(runtime, k, k.defaultScheduler(), k::close);
        }

        /**
         * weft's main-thread scheduler: a platform thread of the session's own calls
         * {@code Kernel.run}, so it is the scheduler's one carrier; the main task waits until
         * the session closes, and workloads spawn root tasks onto that scheduler meanwhile.
         *
         * @return the session
         */
        public static Weft mainThread() {
            return mainThread(RuntimeId.WEFT_MAIN, KernelConfig.defaults());
        }

        /**
         * As {@link #mainThread()}, with a config: {@code KernelConfig.deterministic(seed)} makes the
         * {@code weft-det} runtime, where every task of every scheduler runs on that one thread in an
         * order drawn from the seed. (Its main task waits on a JDK latch, outside weft, so the kernel
         * warns once that replay is not guaranteed; the workloads' own tasks are still scheduled by the seed.)
         *
         * @param runtime the runtime id it stands for
         * @param config  the kernel's config
         * @return the session
         */
        public static Weft mainThread(RuntimeId runtime, KernelConfig config) {
            CompletableFuture<Kernel> ready = new CompletableFuture<>();
            CountDownLatch stop = new CountDownLatch(1);
            Thread main = Thread.ofPlatform().name("weft-bench-main").start(() -> {
                try {
                    Kernel.run(config, () -> {
                        ready.complete(Kernel.current());
                        stop.await(); // parks the main task: its carrier (this thread) runs the workloads' tasks
                    });
                } catch (Throwable t) {
                    ready.completeExceptionally(t); // e.g. the --add-opens flag is missing
                }
            });
            Kernel k;
            try {
                k = ready.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                stop.countDown();
                throw new IllegalStateException("the main-thread kernel did not start: " + e, e);
            }
            return new Weft(runtime, k, k.mainScheduler(), () -> {
                stop.countDown();
                try {
                    main.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** @return the kernel */
        public Kernel kernel() {
            return kernel;
        }

        /** @return the scheduler workloads spawn on */
        public Scheduler scheduler() {
            return scheduler;
        }

        /** @return a new scheduler of this kernel with as many carriers as {@link #scheduler()} */
        public Scheduler newSibling(String name) {
            return kernel.newScheduler(SchedulerSpec.threads(scheduler.threads()).named(name));
        }

        @Override
        public <T> T call(TaskBody<T> body) {
            return scheduler.spawn(body).join();
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    // ------------------------------------------------------------------ JDK virtual threads

    /** Virtual threads on the JDK's default scheduler. */
    public static final class JdkVirtual extends Session {
        JdkVirtual() {
            super(RuntimeId.JDK_VIRTUAL);
        }

        @Override
        public <T> T call(TaskBody<T> body) throws Exception {
            return Jdk.call(body);
        }

        @Override
        public void close() {
        }
    }

    // ------------------------------------------------------------------ platform pool

    /** {@code Executors.newFixedThreadPool(cores)}. */
    public static final class PlatformPool extends Session {
        private final ExecutorService pool;
        private final int threads;

        PlatformPool(int threads) {
            super(RuntimeId.PLATFORM_POOL);
            this.threads = threads;
            this.pool = Executors.newFixedThreadPool(threads);
        }

        /** @return the pool */
        public ExecutorService pool() {
            return pool;
        }

        /** @return its number of threads */
        public int threads() {
            return threads;
        }

        @Override
        public <T> T call(TaskBody<T> body) throws Exception {
            try {
                return pool.submit((Callable<T>) body::run).get();
            } catch (ExecutionException e) {
                throw Jdk.rethrow(e.getCause());
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
