package dev.weft.jcstress;

import dev.weft.FailureReporter;
import dev.weft.Kernel;
import dev.weft.KernelConfig;
import dev.weft.TaskHandle;
import dev.weft.TaskResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded kernel per forked jcstress VM (a kernel per sample would measure thread starts,
 * not races). Its carriers are daemon threads; a daemon watcher closes it once the forked VM's main
 * thread has ended (weft's reaper is not a daemon, so the VM would otherwise never exit).
 */
final class Shared {
    static final Kernel KERNEL = Kernel.start(KernelConfig.defaults().withDefaultThreads(2)
            .withFailureReporter(FailureReporter.silent())
            .withCarrierThreadFactory(r -> Thread.ofPlatform().daemon().unstarted(r)));
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** Outcome codes: 0 no outcome (lost), 1 Completed, 2 Killed, 3 Failed. */
    static final int LOST = 0, COMPLETED = 1, KILLED = 2, FAILED = 3;

    static {
        Thread main = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("main")).findFirst().orElse(null);
        Thread.ofPlatform().daemon().name("jcstress-kernel-closer").start(() -> {
            try {
                if (main != null) {
                    main.join();
                }
            } catch (InterruptedException e) {
                return;
            }
            KERNEL.close();
        });
    }

    private Shared() {
    }

    static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** Waits (bounded) for the outcome; 0 if there is none: a lost task. */
    static int outcome(TaskHandle<?> h) {
        return h.await(Duration.ofSeconds(30)).map(Shared::code).orElse(LOST);
    }

    /** The outcome if it is already published, else 0. */
    static int published(TaskHandle<?> h) {
        return h.await(Duration.ZERO).map(Shared::code).orElse(LOST);
    }

    static int code(TaskResult<?> r) {
        return switch (r) {
            case TaskResult.Completed<?> c -> COMPLETED;
            case TaskResult.Killed<?> k -> KILLED;
            case TaskResult.Failed<?> f -> FAILED;
        };
    }
}
