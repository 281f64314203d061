package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.task.TaskImpl;
import dev.weft.testing.ForkedJvm;
import dev.weft.testing.WeftThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The JDK 25 behaviours DESIGN.md lists, each handled. */
class JdkBehaviourTest {

    @Test
    void neverRejectASubmissionAfterStart_timerWakeUpAfterClose() {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("closing"));
            CountDownLatch asleep = new CountDownLatch(1);
            TaskHandle<String> h = s.spawn(() -> {
                asleep.countDown();
                Thread.sleep(30);               // woken by a JDK timer thread: its submission comes after close()
                LockSupport.parkNanos(1_000_000); // and again
                Thread.yield();                 // and a yield resubmission
                return "woke";
            });
            asleep.await();
            s.close();
            assertThat(h.join()).isEqualTo("woke");
            s.awaitTermination();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void duplicateSubmissionsAreHarmlessAndTasksAreReapedOnce() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(2).named("dup"));
            CountDownLatch release = new CountDownLatch(1);
            List<TaskHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                hs.add(s.spawn(() -> {
                    release.await();
                    Task.yieldNow();
                    return n;
                }));
            }
            Field cont = TaskImpl.class.getDeclaredField("continuation");
            cont.setAccessible(true);
            // resubmit every continuation while blocked (runContinuation of a parked thread: no-op)
            for (TaskHandle<Integer> h : hs) {
                TaskImpl<?> t = (TaskImpl<?>) h;
                Runnable c = (Runnable) cont.get(t);
                if (c != null) {
                    t.execute(c);
                    t.execute(c);
                }
                Thread vt = t.thread();
                if (vt != null) {
                    vt.getStackTrace(); // the JDK's own resubmission path
                }
            }
            release.countDown();
            for (int i = 0; i < hs.size(); i++) {
                assertThat(hs.get(i).join()).isEqualTo(i);
            }
            // and after death: a stale submission of a reaped task is dropped
            for (TaskHandle<Integer> h : hs) {
                TaskImpl<?> t = (TaskImpl<?>) h;
                Runnable c = (Runnable) cont.get(t);
                t.execute(c);
            }
            assertThat(s.liveTasks()).isZero();
            // counts are intact: a double reap would have made them negative or closed the scheduler early
            CountDownLatch hold = new CountDownLatch(1);
            TaskHandle<Void> one = s.spawn(() -> { hold.await(); });
            assertThat(s.liveTasks()).isEqualTo(1);
            s.close();
            assertThat(s.isTerminated()).isFalse();
            hold.countDown();
            one.join();
            s.awaitTermination();
        }
    }

    @Test
    void guestVirtualThreadsRunOnTheSchedulerAndKeepRunningAfterItExits() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("host"));
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Thread> guestCarrier = new AtomicReference<>();
            AtomicReference<String> guestResult = new AtomicReference<>();
            TaskHandle<Thread> h = s.spawn(() -> Thread.ofVirtual().name("guest").start(() -> {
                guestCarrier.set(WeftThreads.carrierOf(Thread.currentThread()));
                try {
                    release.await();
                    Thread.sleep(1);
                    guestResult.set("done on " + WeftThreads.carrierOf(Thread.currentThread()).getName());
                } catch (InterruptedException e) {
                    guestResult.set("interrupted");
                }
            }));
            Thread guest = h.join();
            s.close();
            s.awaitTermination(); // guests are not waited for
            assertThat(guestCarrier.get()).isNotNull();
            assertThat(guestCarrier.get().getName()).startsWith("weft-host-");
            release.countDown();
            assertThat(guest.join(Duration.ofSeconds(30))).isTrue();
            assertThat(guestResult.get()).startsWith("done on").doesNotContain("weft-host");
            assertThat(k.tasks()).isEmpty(); // guests are not tasks
        }
    }

    @Test
    void socketPollersAreInitialisedFromAPlatformThread() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(List.of(ForkedJvm.addOpens()), PollerProbe.class);
        assertThat(r.stdout()).as("stderr: " + r.stderr()).contains("echo in task: ping", "echo after kernel: pong");
        assertThat(r.exitCode()).isZero();
    }

    /** Run in a fresh JVM: the first socket I/O of the JVM happens inside a weft task. */
    public static final class PollerProbe {
        public static void main(String[] args) throws Exception {
            int status = Kernel.run(() -> {
                Scheduler net = Kernel.current().newScheduler(SchedulerSpec.threads(1).named("net"));
                System.out.println("echo in task: " + net.spawn(() -> echo("ping")).join());
            });
            // The kernel and its "net" scheduler are gone. If the JDK's pollers had been created
            // on that scheduler, this socket I/O on a plain virtual thread would hang.
            AtomicReference<String> out = new AtomicReference<>();
            Thread vt = Thread.ofVirtual().start(() -> {
                try {
                    out.set(echo("pong"));
                } catch (IOException e) {
                    out.set(e.toString());
                }
            });
            if (!vt.join(Duration.ofSeconds(20))) {
                System.out.println("socket I/O hung after the kernel exited");
                System.exit(2);
            }
            System.out.println("echo after kernel: " + out.get());
            System.exit(status);
        }

        static String echo(String msg) throws IOException {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread peer = Thread.ofVirtual().start(() -> {
                    try (Socket c = server.accept(); InputStream in = c.getInputStream(); OutputStream o = c.getOutputStream()) {
                        o.write(in.readNBytes(msg.length()));
                    } catch (IOException ignored) {
                        // the client sees it
                    }
                });
                try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(msg.getBytes());
                    String back = new String(s.getInputStream().readNBytes(msg.length()));
                    peer.join(Duration.ofSeconds(10));
                    return back;
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }
    }

    @Test
    void missingAddOpensFlagGivesAClearError() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(List.of(), FlaglessProbe.class);
        assertThat(r.stdout()).contains("IllegalStateException").contains("--add-opens java.base/java.lang=ALL-UNNAMED");
    }

    /** Run in a fresh JVM without --add-opens. */
    public static final class FlaglessProbe {
        public static void main(String[] args) {
            try {
                Kernel.run(() -> { });
                System.out.println("no error");
            } catch (RuntimeException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            try {
                Kernel.start(KernelConfig.defaults()).close();
                System.out.println("no error");
            } catch (RuntimeException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void noContinuationsGivesAClearErrorAtStartNotAtFirstSpawn() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(List.of(ForkedJvm.addOpens(), "-XX:+UnlockExperimentalVMOptions", "-XX:-VMContinuations"),
                FlaglessProbe.class);
        assertThat(r.stdout()).contains("IllegalStateException").contains("VMContinuations").doesNotContain("no error");
    }

    @Test
    void carriersAreNeverWokenByInterrupt_aTaskInterruptDoesNotReachTheCarrier() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            Scheduler s = k.newScheduler(SchedulerSpec.threads(1).named("intr"));
            // A task that interrupts itself (a JDK-level interrupt) and then parks in JDK code:
            // the interrupt belongs to the virtual thread, not the carrier.
            TaskHandle<Boolean> h = s.spawn(() -> {
                Thread.currentThread().interrupt();
                boolean flag = Thread.interrupted();
                return flag && !WeftThreads.carrierOf(Thread.currentThread()).isInterrupted();
            });
            assertThat(h.join()).isTrue();
            List<Thread> carriers = WeftThreads.named("weft-intr-");
            WeftThreads.awaitAllWaiting(carriers);
            assertThat(carriers.get(0).isInterrupted()).isFalse();
            assertThat(s.spawn(() -> 1).join()).isEqualTo(1);
        }
    }

    @Test
    void jdkLocksAndSynchronizedWorkInsideTasks() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(2))) {
            Object monitor = new Object();
            java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
            int[] counter = {0, 0};
            List<TaskHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                hs.add(k.defaultScheduler().spawn(() -> {
                    for (int j = 0; j < 200; j++) {
                        synchronized (monitor) {
                            counter[0]++;
                        }
                        lock.lock();
                        try {
                            counter[1]++;
                        } finally {
                            lock.unlock();
                        }
                    }
                }));
            }
            for (TaskHandle<Void> h : hs) {
                h.join();
            }
            assertThat(counter).containsExactly(20 * 200, 20 * 200);
        }
    }

    @Test
    void plainInterruptOfAWaitingJoinerThrowsTaskInterruptedException() throws Exception {
        try (Kernel k = Kernel.start(KernelConfig.defaults().withDefaultThreads(1))) {
            CountDownLatch release = new CountDownLatch(1);
            TaskHandle<Void> slow = k.defaultScheduler().spawn(() -> { release.await(); });
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicReference<Boolean> flagKept = new AtomicReference<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    slow.join();
                } catch (Throwable t) {
                    seen.set(t);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(seen.get()).isInstanceOf(TaskInterruptedException.class);
            assertThat(flagKept.get()).isTrue();
            assertThat(slow.isAlive()).isTrue(); // nothing was killed
            release.countDown();
            slow.join();
        }
    }
}
