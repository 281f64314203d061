import dev.weft.*;
import java.util.ArrayList;
import java.util.List;

/**
 * ./weft run examples/Switches.java — spawn+join per task and yieldNow per switch, on one weft
 * carrier and on the JDK's default virtual-thread scheduler, side by side in one run.
 */
public class Switches {
    static final int TASKS = 200_000, YIELDS = 500_000, ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler one = k.newScheduler(SchedulerSpec.threads(1).named("one"));
            for (int round = 0; round < ROUNDS; round++) {
                String tag = round < 2 ? "warm-up " : "";
                double weftSpawn = one.spawn(() -> spawnJoin(() -> Task.spawn(() -> 1)::join)).join();
                double jdkSpawn = onJdk(() -> spawnJoin(() -> {
                    Thread t = Thread.ofVirtual().start(() -> { });
                    return () -> { try { t.join(); } catch (InterruptedException e) { throw new RuntimeException(e); } return 1; };
                }));
                double weftYield = one.spawn(() -> yields(Task::yieldNow)).join();
                double jdkYield = onJdk(() -> yields(Thread::yield));
                System.out.printf("%sspawn+join  weft-1 %6.0f ns  jdk-virtual %6.0f ns  ratio %.2fx%n", tag, weftSpawn, jdkSpawn, jdkSpawn / weftSpawn);
                System.out.printf("%syield/switch weft-1 %6.0f ns  jdk-virtual %6.0f ns  ratio %.2fx%n", tag, weftYield, jdkYield, jdkYield / weftYield);
            }
        }
    }

    interface Spawn { Joiner spawn(); }
    interface Joiner { int join(); }
    interface Body { double run() throws Exception; }

    /** Spawns TASKS trivial tasks in batches of 100 and joins them: ns per task. */
    static double spawnJoin(Spawn spawn) {
        long t0 = System.nanoTime();
        List<Joiner> batch = new ArrayList<>(100);
        for (int i = 0; i < TASKS; i += 100) {
            for (int j = 0; j < 100; j++) batch.add(spawn.spawn());
            for (Joiner h : batch) h.join();
            batch.clear();
        }
        return (System.nanoTime() - t0) / (double) TASKS;
    }

    /** Two tasks yielding to each other on one carrier: ns per switch. */
    static double yields(Runnable yield) throws Exception {
        Runnable body = () -> { for (int i = 0; i < YIELDS; i++) yield.run(); };
        long t0 = System.nanoTime();
        if (inTask()) {
            TaskHandle<Void> h = Task.spawn(body::run);
            body.run();
            h.join();
        } else {
            Thread a = Thread.ofVirtual().start(body);
            body.run();
            a.join();
        }
        return (System.nanoTime() - t0) / (2.0 * YIELDS);
    }

    static boolean inTask() {
        try { Task.current(); return true; } catch (IllegalStateException e) { return false; }
    }

    /** Runs on a JDK default-scheduler virtual thread (with one carrier available per core). */
    static double onJdk(Body b) throws Exception {
        double[] out = new double[1];
        Exception[] err = new Exception[1];
        Thread t = Thread.ofVirtual().start(() -> { try { out[0] = b.run(); } catch (Exception e) { err[0] = e; } });
        t.join();
        if (err[0] != null) throw err[0];
        return out[0];
    }
}
