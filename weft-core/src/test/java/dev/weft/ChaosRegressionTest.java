package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Regression tests for the bugs ChaosStressTest found. */
class ChaosRegressionTest {

    /**
     * kernel.schedulers() sorted by a key read from a concurrent map during the sort: a scheduler
     * exiting meanwhile changed its key and, with more than 32 schedulers (TimSort's merge path),
     * the sort threw IllegalArgumentException "Comparison method violates its general contract!".
     */
    @Test
    void schedulersCanBeListedWhileSchedulersComeAndGo() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            for (int i = 0; i < 64; i++) {
                k.newScheduler(SchedulerSpec.threads(1).named("steady-" + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread churn = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("churn-" + i));
                    s.close(); // never used: it exits at once and leaves the list
                }
            });
            List<Throwable> errors = new ArrayList<>();
            try {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        List<Scheduler> list = k.schedulers();
                        assertThat(list.size()).isGreaterThanOrEqualTo(65);
                    } catch (IllegalArgumentException e) {
                        errors.add(e);
                        break;
                    }
                }
            } finally {
                stop.set(true);
                churn.join();
            }
            assertThat(errors).isEmpty();
            assertThat(k.schedulers().stream().map(Scheduler::name).toList()).startsWith("default", "steady-0", "steady-1");
            k.schedulers().forEach(s -> { if (!s.name().equals("default")) s.close(); });
        }
    }
}
