package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.ReliabilityReport;
import dev.weft.testing.WeftThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos: for a bounded time, kernel after kernel, a seeded random mix of every operation — spawn
 * on any scheduler with any link mode (Task.spawn, Scheduler.spawn, the builder, a scheduler of
 * the task's own), kill, join/await, create and close schedulers, channel send/receive in every
 * style, select, a task that throws, {@code Kernel.fail} at a random moment — from tasks and from
 * plain threads, against {@code Kernel.run} kernels and embedded ones. After each kernel:
 * <ul>
 * <li>every task's {@code finally} ran exactly once (none for a task killed before it started,
 *     none for a refused spawn);
 * <li>every outcome is consistent with the links: Completed only if the body returned; Failed only
 *     with the original exception of the task itself or of a LINKED descendant; Killed only if it
 *     was killed, an ancestor (over LINKED/SUPERVISED links) ended abnormally, or the kernel
 *     failed; and when none of that (and no LINKED descendant threw) happened, exactly what the
 *     body did;
 * <li>no {@code weft-*} thread alive and {@code kernel.tasks()} empty once the kernel returned;
 * <li>message conservation: acknowledged sends == receipts (plus what was left buffered), no
 *     duplicate, no receipt of an unacknowledged send;
 * <li>the exit status: 101 iff Kernel.fail was called or a failure reached the main task
 *     (predicted from the outcomes), else 0;
 * <li>nothing reached the default uncaught-exception handler;
 * <li>no hang: a watchdog dumps the live tasks and every thread's stack and fails the run.
 * </ul>
 * The seed is printed (and replayed with {@code -Dweft.stress.seed=S}: the choices repeat, the
 * interleaving does not). {@code -Dweft.stress.seconds=N} sets the length (default 24 s);
 * counts go to {@code target/reliability/chaos.json} for RELIABILITY.md.
 */
@Timeout(value = 900, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChaosStressTest {
    private static final long SECONDS = Long.getLong("weft.chaos.seconds", Long.getLong("weft.stress.seconds", 24));
    private static final long SEED = Long.getLong("weft.stress.seed", System.nanoTime());
    private static final long RUN_MILLIS = 800;
    private static final int MAX_TASKS_PER_RUN = 2500;
    private static final int MAX_USER_SCHEDULERS = 4;
    private static final long PATIENCE_SECONDS = 60;

    private final Map<String, LongAdder> ops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> zero = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private void count(String kind) {
        ops.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private void zero(String what, long n) {
        zero.computeIfAbsent(what, k -> new LongAdder()).add(n);
    }

    @Test
    void chaos() throws Exception {
        ConcurrentLinkedQueue<String> uncaught = new ConcurrentLinkedQueue<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
        SplittableRandom master = new SplittableRandom(SEED);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
        int runs = 0;
        try {
            for (String z : List.of("lostMessages", "duplicateDeliveries", "phantomDeliveries", "missingCleanups",
                    "doubleCleanups", "cleanupsOfUnstartedTasks", "lostTasks", "inconsistentOutcomes", "wrongExitStatus",
                    "leakedThreads", "leakedTasks", "hangs", "uncaughtExceptions", "unexpectedExceptions")) {
                zero(z, 0);
            }
            do {
                Run run = new Run(master.nextLong(), runs, master.nextInt(4) == 0);
                run.execute();
                runs++;
            } while (System.nanoTime() - end < 0 && problems.isEmpty());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        zero("uncaughtExceptions", uncaught.size());
        problems.addAll(uncaught.stream().map(u -> "uncaught exception reached the default handler: " + u).toList());
        long tasks = ops.getOrDefault("spawn", new LongAdder()).sum() + runs;
        Map<String, Object> json = new TreeMap<>();
        json.put("seed", SEED);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        json.put("kernels", runs);
        json.put("tasks", tasks);
        json.put("operations", sorted(ops));
        json.put("zero", sorted(zero));
        ReliabilityReport.write("chaos.json", json);
        System.out.println("ChaosStressTest: seed " + SEED + ", " + runs + " kernels, " + tasks + " tasks, operations "
                + sorted(ops) + ", must-be-zero " + sorted(zero));
        assertThat(problems).as("chaos seed " + SEED + " (replay the choices with -Dweft.stress.seed=" + SEED + ")").isEmpty();
        assertThat(runs).isPositive();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The chaos's own exception: a task that "fails". */
    static final class Boom extends RuntimeException {
        final Rec origin;

        Boom(Rec origin) {
            super("chaos boom in #" + origin.seq, null, false, false);
            this.origin = origin;
        }
    }

    /** What the harness knows about one spawned task. */
    static final class Rec {
        final int seq;
        final Rec parent; // null for the main task and root tasks
        final Link link;
        final boolean main;
        volatile TaskHandle<?> handle;
        volatile boolean started, returned, killRequested;
        volatile Boom thrown;
        final AtomicInteger finallies = new AtomicInteger();
        TaskResult<?> outcome;

        Rec(int seq, Rec parent, Link link, boolean main) {
            this.seq = seq;
            this.parent = parent;
            this.link = link;
            this.main = main;
        }

        @Override
        public String toString() {
            return "#" + seq + (main ? " main" : "") + " " + (handle != null ? handle.id() : "-") + " link=" + link
                    + " parent=" + (parent == null ? "-" : "#" + parent.seq) + " started=" + started + " returned=" + returned
                    + " killRequested=" + killRequested + " thrown=" + (thrown != null) + " finallies=" + finallies + " outcome=" + outcome;
        }
    }

    /** One kernel's worth of chaos. */
    final class Run {
        final long seed;
        final int index;
        final boolean embedded;
        final String tag;
        volatile Kernel kernel;
        volatile boolean stop;
        final AtomicInteger seqs = new AtomicInteger();
        final List<Rec> recs = new ArrayList<>(); // guarded by itself
        final ConcurrentLinkedQueue<Rec> refused = new ConcurrentLinkedQueue<>();
        final List<Channel<Long>> channels = List.of(Channel.rendezvous(), Channel.bounded(1), Channel.bounded(4), Channel.unbounded());
        final Set<Long> acked = ConcurrentHashMap.newKeySet();
        final Set<Long> received = ConcurrentHashMap.newKeySet();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        final List<Scheduler> userSchedulers = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger schedulerNames = new AtomicInteger();
        final AtomicLong opCounter = new AtomicLong();
        final long failAt;
        final int mainBoomAt;
        final AtomicBoolean failCalled = new AtomicBoolean();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch actorsDone = new CountDownLatch(1);
        final List<Thread> plainActors = new ArrayList<>();
        volatile Rec mainRec;

        Run(long seed, int index, boolean embedded) {
            this.seed = seed;
            this.index = index;
            this.embedded = embedded;
            this.tag = "run " + index + " (" + (embedded ? "embedded" : "Kernel.run") + ", run seed " + seed + ")";
            SplittableRandom r = new SplittableRandom(seed);
            this.failAt = r.nextInt(10) < 3 ? 1 + r.nextInt(3000) : -1;
            this.mainBoomAt = r.nextInt(10) < 1 ? r.nextInt(400) : -1;
            for (int i = 0; i < 2; i++) {
                long s = r.nextLong();
                plainActors.add(Thread.ofPlatform().name("chaos-plain-" + i).unstarted(() -> plainActor(new SplittableRandom(s))));
            }
        }

        void execute() throws Exception {
            AtomicLong reports = new AtomicLong();
            KernelConfig config = KernelConfig.defaults().withDefaultThreads(2)
                    .withFailureReporter((task, cause, failedToo, failsKernel) -> reports.incrementAndGet());
            Thread conductor = Thread.ofPlatform().name("chaos-conductor").start(this::conduct);
            int status;
            if (embedded) {
                Kernel k = Kernel.start(config);
                kernel = k;
                plainActors.forEach(Thread::start);
                actorsDone.await();
                k.close();
                status = k.awaitTermination();
            } else {
                SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
                status = Kernel.run(config, () -> {
                    Rec me = new Rec(seqs.getAndIncrement(), null, Link.UNLINKED, true);
                    me.handle = Task.current();
                    mainRec = me;
                    kernel = Kernel.current();
                    plainActors.forEach(Thread::start);
                    me.started = true;
                    try {
                        for (int i = 0; !stop; i++) {
                            if (i == mainBoomAt) {
                                count("boom.main");
                                me.thrown = new Boom(me);
                                throw me.thrown;
                            }
                            step(r, me);
                        }
                        me.returned = true;
                    } finally {
                        me.finallies.incrementAndGet();
                    }
                });
            }
            ended.countDown();
            conductor.join();
            count(embedded ? "kernel.embedded" : "kernel.run");
            check(status);
        }

        /** Bounds the chaos, ends it, and watches for a hang. */
        private void conduct() {
            try {
                ended.await(RUN_MILLIS, TimeUnit.MILLISECONDS); // the chaos's length (or less, if the kernel ended)
                stop = true;
                channels.forEach(Channel::close); // releases every untimed channel wait
                for (Thread t : plainActors) {
                    if (!t.join(Duration.ofSeconds(PATIENCE_SECONDS))) {
                        hang("plain actor " + t.getName() + " did not stop");
                    }
                }
                actorsDone.countDown();
                if (!ended.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    hang("the kernel did not end within " + PATIENCE_SECONDS + " s of the stop");
                    Kernel k = kernel;
                    if (k != null) {
                        k.fail(new IllegalStateException("chaos watchdog: hang"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void hang(String what) {
            zero("hangs", 1);
            StringBuilder dump = new StringBuilder("HANG in " + tag + ", seed " + SEED + ": " + what + "\n");
            Kernel k = kernel;
            if (k != null) {
                dump.append(k).append('\n');
                k.tasks().forEach(t -> dump.append("  ").append(t).append('\n'));
            }
            synchronized (recs) {
                recs.stream().filter(x -> x.handle.isAlive()).forEach(x -> dump.append("  alive ").append(x).append(" state=")
                        .append(x.handle.state()).append('\n'));
            }
            Thread.getAllStackTraces().forEach((t, st) -> {
                dump.append("thread ").append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement e : st) {
                    dump.append("    at ").append(e).append('\n');
                }
            });
            System.err.println(dump);
            synchronized (problems) {
                problems.add("hang: " + what + " in " + tag);
            }
        }

        private void plainActor(SplittableRandom r) {
            try {
                while (!stop) {
                    step(r, null);
                }
            } catch (Throwable t) {
                unexpected.add("plain thread: " + t);
                t.printStackTrace();
            }
        }

        // ------------------------------------------------------------ the operations

        /** One random operation, by a task ({@code self}) or a plain thread ({@code self == null}). */
        void step(SplittableRandom r, Rec self) throws Exception {
            boolean inTask = self != null;
            if (failAt > 0 && opCounter.incrementAndGet() == failAt && failCalled.compareAndSet(false, true)) {
                count(inTask ? "fail.fromTask" : "fail.fromPlainThread");
                kernel.fail(new IllegalStateException("chaos: Kernel.fail at operation " + failAt));
                return;
            }
            int w = r.nextInt(100);
            try {
                if (w < 20) {
                    spawn(r, self);
                } else if (w < 26) {
                    kill(r);
                } else if (w < 34) {
                    join(r, self);
                } else if (w < 49) {
                    send(r, inTask);
                } else if (w < 64) {
                    receive(r, inTask);
                } else if (w < 72) {
                    select(r, inTask);
                } else if (w < 80) {
                    count("sleep");
                    if (inTask) {
                        Task.sleep(Duration.ofNanos(r.nextInt(2_000_000)));
                    } else {
                        Thread.sleep(0, r.nextInt(500_000));
                    }
                } else if (w < 88) {
                    count("yield");
                    if (inTask) {
                        Task.yieldNow();
                    } else {
                        Thread.yield();
                    }
                } else if (w < 92) {
                    if (inTask && !self.main && r.nextInt(5) == 0) {
                        count("boom");
                        self.thrown = new Boom(self);
                        throw self.thrown;
                    }
                    count("isKilled");
                    Task.isKilled();
                } else if (w < 96) {
                    newScheduler(r);
                } else {
                    closeScheduler(r);
                }
            } catch (SchedulerClosedException e) {
                count("refused.schedulerClosed");
            } catch (ChannelClosedException e) {
                count("refused.channelClosed");
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("shutting down")) {
                    throw e;
                }
                count("refused.kernelShuttingDown");
            }
        }

        Scheduler pickScheduler(SplittableRandom r) {
            List<Scheduler> live = kernel.schedulers();
            if (!userSchedulers.isEmpty() && r.nextInt(8) == 0) {
                return userSchedulers.get(r.nextInt(userSchedulers.size())); // maybe closed: refused
            }
            return live.isEmpty() ? kernel.defaultScheduler() : live.get(r.nextInt(live.size()));
        }

        void spawn(SplittableRandom r, Rec self) {
            if (seqs.get() >= MAX_TASKS_PER_RUN) {
                count("spawn.capped");
                return;
            }
            boolean inTask = self != null;
            int how = inTask ? r.nextInt(10) : 1 + r.nextInt(2); // plain threads: Scheduler.spawn or the builder
            Link link = how == 0 || how == 1 ? Link.LINKED : Link.values()[r.nextInt(3)];
            Rec child = new Rec(seqs.getAndIncrement(), inTask ? self : null, inTask ? link : Link.UNLINKED, false);
            TaskBody<Object> body = body(child, r.nextLong());
            try {
                TaskHandle<?> h = switch (how) {
                    case 0 -> Task.spawn(body);
                    case 1 -> pickScheduler(r).spawn(body);
                    case 9 -> Task.builder().name("chaos-" + child.seq).newScheduler(SchedulerSpec.threads(1)).link(link).spawn(body);
                    default -> Task.builder().name("chaos-" + child.seq).scheduler(pickScheduler(r)).link(link).spawn(body);
                };
                child.handle = h;
                synchronized (recs) {
                    recs.add(child);
                }
                count(how == 0 ? "spawn.Task.spawn" : how == 1 ? "spawn.Scheduler.spawn" : how == 9 ? "spawn.newScheduler"
                        : "spawn.builder." + link);
                count("spawn");
            } catch (SchedulerClosedException | IllegalStateException e) {
                refused.add(child);
                throw e;
            }
        }

        TaskBody<Object> body(Rec rec, long seed) {
            return () -> {
                rec.started = true;
                try {
                    SplittableRandom r = new SplittableRandom(seed);
                    int n = 1 + r.nextInt(12);
                    for (int i = 0; i < n && !stop; i++) {
                        step(r, rec);
                    }
                    rec.returned = true;
                    return null;
                } finally {
                    rec.finallies.incrementAndGet();
                }
            };
        }

        Rec pick(SplittableRandom r) {
            synchronized (recs) {
                return recs.isEmpty() ? null : recs.get(r.nextInt(recs.size()));
            }
        }

        void kill(SplittableRandom r) {
            Rec x = pick(r);
            if (x != null) {
                x.killRequested = true; // before the kill: the outcome check reads it
                x.handle.kill();
                count("kill");
            }
        }

        void join(SplittableRandom r, Rec self) {
            Rec x = pick(r);
            if (x == null || (self != null && x.seq <= self.seq)) { // tasks wait only for later tasks: no cycle
                count("join.skipped");
                return;
            }
            if (self == null) {
                count(x.handle.await(Duration.ofMillis(r.nextInt(3))).isPresent() ? "join.plainAwait" : "join.plainAwaitTimedOut");
                return;
            }
            switch (r.nextInt(3)) {
                case 0 -> {
                    try {
                        x.handle.join();
                        count("join.join");
                    } catch (TaskFailedException e) {
                        count("join.joinFailed");
                    }
                }
                case 1 -> count("join.await." + x.handle.await().getClass().getSimpleName());
                default -> count(x.handle.await(Duration.ofMillis(r.nextInt(3))).isPresent() ? "join.awaitTimed" : "join.awaitTimedOut");
            }
        }

        void send(SplittableRandom r, boolean inTask) {
            Channel<Long> ch = channels.get(r.nextInt(channels.size()));
            long m = messages.incrementAndGet();
            switch (inTask ? r.nextInt(3) : 1 + r.nextInt(2)) {
                case 0 -> {
                    ch.send(m);
                    acked.add(m);
                    count("send.send");
                }
                case 1 -> {
                    if (ch.trySend(m)) {
                        acked.add(m);
                    }
                    count("send.trySend");
                }
                default -> {
                    if (ch.send(m, Duration.ofNanos(r.nextInt(2_000_000)))) {
                        acked.add(m);
                    }
                    count("send.timed");
                }
            }
        }

        void receipt(Long m) {
            if (!received.add(m)) {
                duplicates.incrementAndGet();
            }
        }

        void receive(SplittableRandom r, boolean inTask) {
            Channel<Long> ch = channels.get(r.nextInt(channels.size()));
            switch (inTask ? r.nextInt(4) : 1 + r.nextInt(2)) {
                case 0 -> {
                    receipt(ch.receive());
                    count("receive.receive");
                }
                case 1 -> {
                    ch.tryReceive().ifPresent(this::receipt);
                    count("receive.tryReceive");
                }
                case 2 -> {
                    ch.receive(Duration.ofNanos(r.nextInt(2_000_000))).ifPresent(this::receipt);
                    count("receive.timed");
                }
                default -> {
                    Iterator<Long> it = ch.iterator();
                    if (it.hasNext()) {
                        receipt(it.next());
                    }
                    count("receive.iterator");
                }
            }
        }

        void select(SplittableRandom r, boolean inTask) {
            Channel<Long> a = channels.get(r.nextInt(channels.size()));
            Channel<Long> b = channels.get(r.nextInt(channels.size()));
            Channel<Long> c = channels.get(r.nextInt(channels.size()));
            long m = messages.incrementAndGet();
            Select<String> s = Select.<String>create()
                    .onReceive(a, x -> {
                        receipt(x);
                        return "received";
                    })
                    .onReceive(b, x -> {
                        receipt(x);
                        return "received";
                    })
                    .onSend(c, m, () -> {
                        acked.add(m);
                        return "sent";
                    });
            if (!inTask || r.nextBoolean()) {
                s.onTimeout(Duration.ofNanos(r.nextInt(2_000_000)), () -> "timedOut");
            }
            count("select." + s.select());
        }

        void newScheduler(SplittableRandom r) {
            if (userSchedulers.stream().filter(s -> !s.isClosed()).count() >= MAX_USER_SCHEDULERS) {
                closeScheduler(r);
                return;
            }
            Scheduler s = kernel.newScheduler(SchedulerSpec.threads(1 + r.nextInt(2))
                    .named("chaos-" + index + "-" + schedulerNames.incrementAndGet()));
            userSchedulers.add(s);
            count("scheduler.new");
        }

        void closeScheduler(SplittableRandom r) {
            if (r.nextInt(100) == 0) {
                kernel.defaultScheduler().close();
                count("scheduler.closeDefault");
            } else if (!userSchedulers.isEmpty()) {
                userSchedulers.get(r.nextInt(userSchedulers.size())).close();
                count("scheduler.close");
            }
        }

        // ------------------------------------------------------------ the checks

        void check(int status) throws Exception {
            List<String> bad = new ArrayList<>();
            // threads and registry (I1, I6): nothing to wait for once the kernel returned
            List<String> threads = WeftThreads.alive();
            zero("leakedThreads", threads.size());
            if (!threads.isEmpty()) {
                bad.add("weft threads alive after the kernel returned: " + threads);
            }
            Kernel k = kernel;
            int leftTasks = k == null ? 0 : k.tasks().size();
            zero("leakedTasks", leftTasks);
            if (leftTasks != 0) {
                bad.add("kernel.tasks() not empty after the kernel returned: " + k.tasks());
            }
            zero("unexpectedExceptions", unexpected.size());
            bad.addAll(unexpected);

            // outcomes
            List<Rec> all;
            synchronized (recs) {
                all = new ArrayList<>(recs);
            }
            if (mainRec != null) {
                all.add(mainRec);
            }
            for (Rec x : all) {
                var o = x.handle.await(Duration.ofSeconds(PATIENCE_SECONDS));
                if (o.isEmpty()) {
                    zero("lostTasks", 1);
                    bad.add("no outcome after the kernel returned: " + x);
                    continue;
                }
                x.outcome = o.get();
                count("outcome." + x.outcome.getClass().getSimpleName() + (x.started ? "" : ".beforeStart"));
            }
            boolean kernelFailed = status == 101;
            boolean mainAbnormal = mainRec != null && !(mainRec.outcome instanceof TaskResult.Completed<?>);
            boolean failureReachedMain = false;
            for (Rec x : all) {
                if (x.outcome == null) {
                    continue;
                }
                int f = x.finallies.get();
                if (x.started && f == 0) {
                    zero("missingCleanups", 1);
                    bad.add("finally did not run: " + x);
                } else if (f > 1) {
                    zero("doubleCleanups", 1);
                    bad.add("finally ran " + f + " times: " + x);
                } else if (!x.started && f != 0) {
                    zero("cleanupsOfUnstartedTasks", 1);
                    bad.add("finally ran for a body that never started: " + x);
                }
                String why = outcomeProblem(x, kernelFailed || failCalled.get());
                if (why != null) {
                    zero("inconsistentOutcomes", 1);
                    bad.add(why + ": " + x);
                }
                if (x.outcome instanceof TaskResult.Failed<?> fd && fd.cause() == x.thrown && linkedUpToMain(x)) {
                    failureReachedMain = true;
                }
            }
            for (Rec x : refused) {
                count("refusedSpawnBodyNeverRan");
                if (x.started || x.finallies.get() != 0) {
                    zero("cleanupsOfUnstartedTasks", 1);
                    bad.add("a refused spawn's body ran: " + x);
                }
            }
            boolean expect101 = failCalled.get() || mainAbnormal || failureReachedMain;
            if ((status == 101) != expect101) {
                zero("wrongExitStatus", 1);
                bad.add("exit status " + status + " but expected " + (expect101 ? 101 : 0) + " (Kernel.fail called: "
                        + failCalled.get() + ", main abnormal: " + mainAbnormal + ", a failure reached main: " + failureReachedMain + ")");
            }

            // message conservation: drain what stayed buffered (closed channels stay receivable)
            for (Channel<Long> ch : channels) {
                for (Long m; (m = ch.tryReceive().orElse(null)) != null; ) {
                    receipt(m);
                    count("receive.drainedAfterRun");
                }
            }
            Set<Long> lost = new HashSet<>(acked);
            lost.removeAll(received);
            Set<Long> phantom = new HashSet<>(received);
            phantom.removeAll(acked);
            zero("lostMessages", lost.size());
            zero("duplicateDeliveries", duplicates.get());
            zero("phantomDeliveries", phantom.size());
            count("messages.delivered");
            ops.get("messages.delivered").add(received.size() - 1);
            if (!lost.isEmpty() || !phantom.isEmpty() || duplicates.get() != 0) {
                bad.add("messages: " + lost.size() + " lost " + first(lost) + ", " + phantom.size() + " received but not acknowledged "
                        + first(phantom) + ", " + duplicates.get() + " duplicates");
            }
            if (!bad.isEmpty()) {
                System.err.println("ChaosStressTest: " + tag + " of seed " + SEED + ":\n  " + String.join("\n  ", bad));
                synchronized (problems) {
                    bad.forEach(b -> problems.add(tag + ": " + b));
                }
            }
        }

        private static List<Long> first(Set<Long> s) {
            return s.stream().sorted().limit(5).toList();
        }

        /** @return why x's outcome contradicts what happened to it, or null */
        private String outcomeProblem(Rec x, boolean kernelFailed) {
            boolean ancestorAbnormal = ancestorAbnormal(x);
            switch (x.outcome) {
                case TaskResult.Completed<?> c -> {
                    if (!x.returned) {
                        return "Completed but the body did not return";
                    }
                }
                case TaskResult.Failed<?> f -> {
                    if (!(f.cause() instanceof Boom b)) {
                        return "Failed with an exception the chaos did not throw: " + f.cause();
                    }
                    if (b.origin != x && !linkedDescendant(b.origin, x)) {
                        return "Failed with the exception of #" + b.origin.seq + ", which is not itself or a LINKED descendant";
                    }
                }
                case TaskResult.Killed<?> k -> {
                    if (!x.killRequested && !kernelFailed && !ancestorAbnormal) {
                        return "Killed, but nobody killed it, no ancestor ended abnormally and the kernel did not fail";
                    }
                }
            }
            if (!x.killRequested && !kernelFailed && !ancestorAbnormal && !linkedDescendantThrew(x)) {
                if (x.returned && !(x.outcome instanceof TaskResult.Completed<?>)) {
                    return "the body returned and nothing else happened to it, but not Completed";
                }
                if (x.thrown != null && !(x.outcome instanceof TaskResult.Failed<?> f && f.cause() == x.thrown)) {
                    return "the body threw and nothing else happened to it, but not Failed(its exception)";
                }
            }
            return null;
        }

        private boolean ancestorAbnormal(Rec x) {
            for (Rec c = x; c.parent != null && c.link != Link.UNLINKED; c = c.parent) {
                if (c.parent.outcome != null && !(c.parent.outcome instanceof TaskResult.Completed<?>)) {
                    return true;
                }
            }
            return false;
        }

        /** @return whether {@code d} is below {@code a} over LINKED links only */
        private boolean linkedDescendant(Rec d, Rec a) {
            for (Rec c = d; c != a; c = c.parent) {
                if (c.parent == null || c.link != Link.LINKED) {
                    return false;
                }
            }
            return true;
        }

        private boolean linkedDescendantThrew(Rec a) {
            synchronized (recs) {
                for (Rec d : recs) {
                    if (d != a && d.thrown != null && linkedDescendant(d, a)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean linkedUpToMain(Rec x) {
            for (Rec c = x; ; c = c.parent) {
                if (c.main) {
                    return true;
                }
                if (c.parent == null || c.link != Link.LINKED) {
                    return false;
                }
            }
        }
    }
}
