import dev.weft.*;
import java.time.Duration;

/** ./weft run examples/Hello.java — a kernel, two schedulers, a few tasks. */
public class Hello {
    public static void main(String[] args) {
        int status = Kernel.run(() -> {
            Kernel k = Kernel.current();
            Scheduler workers = k.newScheduler(SchedulerSpec.threads(2).named("workers"));
            TaskHandle<String> onWorkers = workers.spawn(() -> "hello from " + Task.current().name()
                    + " on " + Scheduler.current().name());
            TaskHandle<Integer> sum = Task.spawn(() -> {
                int s = 0;
                for (int i = 1; i <= 10; i++) {
                    int n = i;
                    s += Task.spawn(() -> n * n).join();
                }
                return s;
            });
            Task.sleep(Duration.ofMillis(10));
            System.out.println(onWorkers.join());
            System.out.println("sum of squares 1..10 = " + sum.join() + " (computed on the main thread: "
                    + Scheduler.current().name() + ")");
            System.out.println("live schedulers: " + k.liveSchedulers() + ", tasks now: " + k.tasks().size());
        });
        System.out.println("kernel exited with status " + status);
    }
}
