package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.FailureReporter;
import dev.weft.Kernel;
import dev.weft.KernelConfig;
import dev.weft.Scheduler;
import dev.weft.Task;
import dev.weft.TaskHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demonstration of issue 7: a real planted race that ordinary runs almost never show, which
 * {@code @WeftTest(seeds = 500)} finds and then replays from the seed it reports.
 *
 * <p>The race: {@link PoolRegistry#pool} is a "register once" check-then-act on a shared
 * {@code HashMap}, with a yield between the check and the act (opening a pool does I/O). A
 * warm-up task opens the "db" pool while a request handler, after reading its request, asks for
 * it too. On a normal kernel the warm-up is nearly always done before the handler looks, so the
 * pool is opened once; if the handler looks while the warm-up is opening, both open one.
 *
 * <p>A test that finds the bug fails, so the exploring class ({@link Exploration}) runs through
 * {@link TestKits}, and this test asserts that it fails, with a seed, and that the seed replays
 * the same failure.
 */
class RegisterOnceRaceTest {

    /** Opens each named pool once and hands the same pool to every caller. Or so it means to. */
    static final class PoolRegistry {
        private final Map<String, Integer> pools = new HashMap<>();
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private int opened;

        int pool(String name) {
            String me = Task.current().name();
            Integer pool = pools.get(name);
            if (pool == null) {                       // check...
                events.add(me + " finds no " + name);
                Task.yieldNow();                      // (opening a pool: I/O, other tasks run)
                pool = ++opened;
                pools.put(name, pool);                // ...then act: THE PLANTED BUG
                events.add(me + " opens " + name + " #" + pool);
            }
            return pool;
        }
    }

    /** Reading a request takes this many yields (chunks) before the handler asks for the pool. */
    static final int REQUEST_CHUNKS = 8;

    /** The program under test: a warm-up and a request handler on the default scheduler. */
    static void program() throws Exception {
        PoolRegistry registry = new PoolRegistry();
        Scheduler workers = Kernel.current().defaultScheduler();
        TaskHandle<Integer> warmUp = Task.builder().name("warm-up").scheduler(workers)
                .spawn(() -> registry.pool("db"));
        TaskHandle<Integer> request = Task.builder().name("request").scheduler(workers).spawn(() -> {
            for (int chunk = 0; chunk < REQUEST_CHUNKS; chunk++) {
                Task.yieldNow();
            }
            return registry.pool("db");
        });
        int warmedUp = warmUp.join();
        int used = request.join();
        assertThat(registry.opened).as("times \"db\" was opened: %s", registry.events).isEqualTo(1);
        assertThat(used).isEqualTo(warmedUp);
    }

    /**
     * What plain JUnit sees: the program on a normal kernel (two carriers, real parallelism),
     * many times. An observation, not an assertion: the count is printed.
     */
    @Test
    void onANormalKernelTheRaceRarelyShows() {
        int runs = 300;
        int failed = 0;
        for (int i = 0; i < runs; i++) {
            KernelConfig normal = KernelConfig.defaults().withDefaultThreads(2).withFailureReporter(FailureReporter.silent());
            if (Kernel.run(normal, RegisterOnceRaceTest::program) != 0) {
                failed++;
            }
        }
        System.out.printf("RegisterOnceRaceTest: on a normal kernel (2 carriers) the race showed in %d of %d runs%n",
                failed, runs);
    }

    /** The same program under {@code @WeftTest}: this class fails (on purpose). */
    @OnlyInTestKit
    static class Exploration {
        static final AtomicInteger runs = new AtomicInteger();

        @WeftTest(seeds = 500)
        void opensThePoolOnce() throws Exception {
            runs.incrementAndGet();
            program();
        }
    }

    @Test
    void weftTestFindsTheRaceAndTheReportedSeedReplaysIt() {
        Exploration.runs.set(0);
        Throwable found = TestKits.failureOf(TestKits.run(Exploration.class));
        Matcher m = Pattern.compile("failed with seed (\\d+); rerun with @WeftTest\\(seed = \\1\\)").matcher(found.getMessage());
        assertThat(m.matches()).as("message: %s", found.getMessage()).isTrue();
        long seed = Long.parseLong(m.group(1));
        int needed = Exploration.runs.get();
        assertThat(needed).as("seeds 0, 1, ... run in order and stop at the first failure").isEqualTo(seed + 1);
        assertThat(found.getCause()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("times \"db\" was opened")
                .hasMessageContaining("warm-up opens db #").hasMessageContaining("request opens db #");
        System.out.printf("RegisterOnceRaceTest: @WeftTest(seeds = 500) found the race with seed %d, after %d seeds%n",
                seed, needed);

        // Replay: the same class, told to run only the reported seed (what @WeftTest(seed = N) does).
        Exploration.runs.set(0);
        Throwable replayed = TestKits.failureOf(TestKits.run(Exploration.class, WeftTestExtension.SEED_PARAMETER, Long.toString(seed)));
        assertThat(Exploration.runs).hasValue(1);
        assertThat(replayed).hasMessage(found.getMessage());
        assertThat(replayed.getCause()).as("the same interleaving, event for event")
                .hasMessage(found.getCause().getMessage());
    }
}
