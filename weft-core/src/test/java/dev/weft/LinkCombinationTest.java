package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Links, failure and kill in every combination, in the style of Tokio's {@code task_combinations}
 * (API.md "Outcomes", "Kill is cooperative and sticky" and the corner-case decisions).
 *
 * <p>Each combination is one small program run in its own {@code Kernel.run}:
 * <pre>
 * main (main-thread scheduler) ──up──> parent (on parentOn) ──link──> child (on childOn)
 *   │                                    └─ hogs (UNLINKED, only "before the child starts")
 *   └─ gate (UNLINKED, default scheduler): ends when the scenario releases it; main and the
 *      "join" waits join it
 * </pre>
 * One <em>event</em> happens (the child throws, the child is killed, the parent throws, the
 * parent is killed) while the task it hits waits <em>where</em> the combination says (not started
 * yet, spinning on {@code Task.checkKilled}, in {@code join}, in {@code Task.sleep}, in
 * {@code Task.yieldNow}, or after the other side already ended); afterwards the surviving side
 * that must end <em>second</em> waits for the first in an {@code unkillable} block of its
 * {@code finally}. Once the event has fully landed the scenario is <em>released</em>: every task
 * it did not hit leaves its wait normally.
 *
 * <p>Checked for each combination, against a model of API.md's rules ({@link #expected}): every
 * task's {@link TaskResult} (Failed with the very same exception object), what each victim's
 * blocking call threw (TaskKilledException, with the child's exception as cause for a linked
 * failure), the exit status (101 exactly when a failure reaches the main task), the reports
 * (exactly one per original exception, naming the tasks it failed; none for kills; stderr only
 * the line for the failure that failed the kernel), that every started body's {@code finally}
 * ran exactly once and that a body killed before it started never ran. Nothing waits on time:
 * latches, joins and task states order every step ({@code Task.sleep} is only the thing
 * being interrupted).
 */
class LinkCombinationTest {

    /** Where a task runs. {@code SEPARATE} is one {@code newScheduler} of two carriers. */
    enum Sched { MAIN, DEFAULT, SEPARATE }

    /** What goes wrong. */
    enum Event { CHILD_FAILS, CHILD_KILLED, PARENT_FAILS, PARENT_KILLED }

    /**
     * Where the task the event hits is when it happens. For the child's events it is the parent
     * that waits (failure) or the child (kill); for the parent's events, the child (and, for a
     * kill, the parent as well).
     */
    enum Where {
        /** the child has been spawned but not started (its scheduler is busy) */
        BEFORE_START,
        /** spinning on {@code Task.checkKilled()} */
        RUNNING,
        /** blocked in {@code join} */
        JOIN,
        /** in {@code Task.sleep} */
        SLEEP,
        /** looping on {@code Task.yieldNow()} */
        YIELD,
        /** the parent has already ended (normally) */
        PARENT_ENDED,
        /** the child has already ended (normally) */
        CHILD_ENDED
    }

    /** Which of parent and child ends its body first once the event has happened. */
    enum First { PARENT, CHILD }

    /**
     * One combination.
     *
     * @param link     the child's link to the parent
     * @param up       the parent's link to the main task (LINKED: a failure reaching it fails the kernel)
     * @param event    what goes wrong
     * @param where    where the task it hits is at that moment
     * @param first    which side ends first
     * @param parentOn the parent's scheduler
     * @param childOn  the child's scheduler
     */
    record Combo(Link link, Link up, Event event, Where where, First first, Sched parentOn, Sched childOn) {

        boolean feasible() {
            boolean alive = where == Where.RUNNING || where == Where.JOIN || where == Where.SLEEP || where == Where.YIELD;
            boolean ok = switch (event) {
                // the child's failure hits a waiting parent, or one that already ended
                case CHILD_FAILS -> alive && first == First.CHILD || where == Where.PARENT_ENDED && first == First.PARENT;
                case CHILD_KILLED, PARENT_KILLED -> alive || where == Where.BEFORE_START
                        || where == Where.PARENT_ENDED && first == First.PARENT
                        || where == Where.CHILD_ENDED && first == First.CHILD;
                // the parent's body ends by throwing: it cannot wait for a child it has not killed yet
                case PARENT_FAILS -> (alive || where == Where.BEFORE_START) && first == First.PARENT
                        || where == Where.CHILD_ENDED && first == First.CHILD;
            };
            // A task spinning on the main-thread scheduler holds its only carrier (no preemption):
            // the other side could never act there.
            return ok && !(where == Where.RUNNING && parentOn == Sched.MAIN && childOn == Sched.MAIN);
        }

        @Override
        public String toString() {
            return event.name().toLowerCase() + " " + where.name().toLowerCase() + ", " + first.name().toLowerCase()
                    + " ends first, child " + link + " to parent " + up + " to main, parent@" + parentOn.name().toLowerCase()
                    + " child@" + childOn.name().toLowerCase();
        }
    }

    static Stream<Combo> combinations() {
        List<Combo> all = new ArrayList<>();
        for (Link link : Link.values()) {
            for (Link up : List.of(Link.LINKED, Link.SUPERVISED)) {
                for (Event event : Event.values()) {
                    for (Where where : Where.values()) {
                        for (First first : First.values()) {
                            for (Sched parentOn : Sched.values()) {
                                for (Sched childOn : Sched.values()) {
                                    Combo c = new Combo(link, up, event, where, first, parentOn, childOn);
                                    if (c.feasible()) {
                                        all.add(c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void combination(Combo combo) throws Exception {
        Scenario s = new Scenario(combo);
        String actual = s.run();
        assertThat(actual).as(combo.toString()).isEqualTo(expected(combo));
    }

    // ------------------------------------------------------------------ the model

    /** What API.md says must happen, in the format of {@link Scenario#describe}. */
    static String expected(Combo c) {
        boolean reachesMain = switch (c.event) {
            case CHILD_FAILS -> c.link == Link.LINKED && c.up == Link.LINKED;
            case PARENT_FAILS -> c.up == Link.LINKED;
            default -> false;
        };
        boolean down = c.link != Link.UNLINKED; // the parent's failure or kill kills the child
        String parent;
        String child;
        String parentWoke = "-";
        String childWoke = "-";
        List<String> failedToo = new ArrayList<>();
        switch (c.event) {
            case CHILD_FAILS -> {
                child = "Failed(boom)";
                boolean parentTakesIt = c.link == Link.LINKED && c.where != Where.PARENT_ENDED;
                parent = parentTakesIt ? "Failed(boom)" : "Completed";
                if (c.where != Where.PARENT_ENDED) {
                    parentWoke = parentTakesIt ? "TaskKilledException(boom)" : "-";
                }
                if (parentTakesIt) {
                    failedToo.add("parent");
                }
            }
            case CHILD_KILLED -> {
                parent = "Completed";
                child = c.where == Where.CHILD_ENDED ? "Completed" : "Killed";
                if (c.where != Where.CHILD_ENDED && c.where != Where.BEFORE_START) {
                    childWoke = "TaskKilledException";
                }
            }
            case PARENT_FAILS -> {
                parent = "Failed(boom)";
                boolean childKilled = c.where != Where.CHILD_ENDED && (down || reachesMain);
                child = childKilled ? "Killed" : "Completed";
                if (childKilled && c.where != Where.BEFORE_START) {
                    childWoke = "TaskKilledException";
                }
            }
            case PARENT_KILLED -> {
                boolean parentKilled = c.where != Where.PARENT_ENDED;
                parent = parentKilled ? "Killed" : "Completed";
                if (parentKilled) {
                    parentWoke = "TaskKilledException";
                }
                boolean childKilled = parentKilled && c.where != Where.CHILD_ENDED && down;
                child = childKilled ? "Killed" : "Completed";
                if (childKilled && c.where != Where.BEFORE_START) {
                    childWoke = "TaskKilledException";
                }
            }
            default -> throw new AssertionError(c.event);
        }
        if (reachesMain) {
            failedToo.add("main");
        }
        boolean childRan = !(c.where == Where.BEFORE_START && child.equals("Killed"));
        int hogs = c.where == Where.BEFORE_START ? hogCount(c) : 0;
        List<String> hogLines = new ArrayList<>();
        for (int i = 0; i < hogs; i++) {
            hogLines.add(reachesMain ? "Killed" : "Completed");
        }
        String reports = switch (c.event) {
            case CHILD_FAILS -> "[child: boom, failed too " + failedToo + ", fails kernel " + reachesMain + "]";
            case PARENT_FAILS -> "[parent: boom, failed too " + failedToo + ", fails kernel " + reachesMain + "]";
            default -> "[]";
        };
        return String.join("\n",
                "status " + (reachesMain ? 101 : 0),
                "main " + (reachesMain ? "Failed(boom)" : "Completed") + " woke " + (reachesMain ? "TaskKilledException(boom)" : "-") + " ran 1/1",
                // The gate is a bystander blocked in a JDK latch. When the kernel fails it is killed, but its
                // release (after the failure has spread) can win the race with the kill's interrupt, so how
                // it woke is not asserted here; KernelFailureTest checks latch waiters are interrupted.
                "gate " + (reachesMain ? "Killed" : "Completed") + " ran 1/1",
                "parent " + parent + " woke " + parentWoke + " ran 1/1",
                "child " + child + " woke " + childWoke + " ran " + (childRan ? "1/1" : "0/0"),
                "hogs " + hogLines + " ran " + hogs + "/" + hogs,
                "reports " + reports,
                "stderr " + (reachesMain ? "[weft: the kernel failed (exit status 101)]" : "[]"));
    }

    static int threads(Sched s) {
        return s == Sched.MAIN ? 1 : 2;
    }

    /**
     * Hogs keep the child's scheduler busy so that it cannot start. The parent itself holds one
     * carrier there if it shares the scheduler, except when it then parks (a parent to be killed
     * waits in join): the last hog takes that carrier, queued ahead of the child (FIFO).
     */
    static int hogCount(Combo c) {
        boolean parentHoldsOne = c.parentOn == c.childOn && c.event != Event.PARENT_KILLED;
        return threads(c.childOn) - (parentHoldsOne ? 1 : 0);
    }

    /** How many hogs can be running before the child is spawned (the parent holds a carrier). */
    static int hogsRunningBeforeSpawn(Combo c) {
        return threads(c.childOn) - (c.parentOn == c.childOn ? 1 : 0);
    }

    // ------------------------------------------------------------------ one run

    /** A task of the scenario: its handle, its counters and what its wait threw. */
    static final class Role {
        final String name;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final AtomicReference<Throwable> woke = new AtomicReference<>();
        volatile TaskHandle<?> handle;

        Role(String name) {
            this.name = name;
        }
    }

    record Report(TaskId task, Throwable cause, List<TaskId> failedToo, boolean failsKernel) { }

    static final class Scenario {
        private static final long WAIT_SECONDS = Long.getLong("weft.test.waitSeconds", 30);

        final Combo c;
        final RuntimeException boom;
        final List<Report> reports = new CopyOnWriteArrayList<>();
        final AtomicBoolean released = new AtomicBoolean();
        final CountDownLatch releaseLatch = new CountDownLatch(1);
        final CountDownLatch gateStarted = new CountDownLatch(1);
        final CountDownLatch parentSpawned = new CountDownLatch(1);
        final CountDownLatch parentInState = new CountDownLatch(1);
        final CountDownLatch childInState = new CountDownLatch(1);
        final CountDownLatch hogsRunning;
        final Role main = new Role("main");
        final Role gate = new Role("gate");
        final Role parent = new Role("parent");
        final Role child = new Role("child");
        final List<Role> hogs = new CopyOnWriteArrayList<>();
        final List<Throwable> controllerErrors = new CopyOnWriteArrayList<>();
        volatile Scheduler separate;

        Scenario(Combo c) {
            this.c = c;
            this.boom = new IllegalStateException("boom: " + c);
            this.hogsRunning = new CountDownLatch(c.where == Where.BEFORE_START ? hogsRunningBeforeSpawn(c) : 0);
        }

        String run() throws Exception {
            KernelConfig config = KernelConfig.defaults().withDefaultThreads(2)
                    .withFailureReporter((task, cause, failedToo, failsKernel) ->
                            reports.add(new Report(task.id(), cause, failedToo, failsKernel)));
            Thread controller = null;
            if (c.event == Event.PARENT_KILLED || c.event == Event.CHILD_KILLED && c.where == Where.PARENT_ENDED) {
                controller = Thread.ofPlatform().name("controller").start(this::control);
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream savedErr = System.err;
            int status;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                status = Kernel.run(config, this::mainBody);
            } finally {
                System.setErr(savedErr);
            }
            if (controller != null) {
                controller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertThat(controller.isAlive()).as("controller thread still alive").isFalse();
            }
            assertThat(controllerErrors).as("controller errors").isEmpty();
            return describe(status, err.toString(StandardCharsets.UTF_8));
        }

        // ---- bodies

        private void mainBody() throws Exception {
            main.handle = Task.current();
            main.started.incrementAndGet();
            try {
                if (c.parentOn == Sched.SEPARATE || c.childOn == Sched.SEPARATE) {
                    separate = Kernel.current().newScheduler(SchedulerSpec.threads(2).named("separate"));
                }
                gate.handle = Task.builder().name("gate").scheduler(Kernel.current().defaultScheduler())
                        .link(Link.UNLINKED).spawn(() -> gateBody());
                await(gateStarted);
                TaskHandle<Object> p = Task.builder().name("parent").scheduler(sched(c.parentOn)).link(c.up)
                        .spawn(this::parentBody);
                parent.handle = p;
                parentSpawned.countDown();
                if (c.event == Event.PARENT_FAILS) {
                    p.toCompletableFuture().whenComplete((v, e) -> release()); // after its failure has spread
                }
                waitIn(main, Where.JOIN);
            } finally {
                main.ended.incrementAndGet();
            }
        }

        private void gateBody() throws InterruptedException {
            gate.started.incrementAndGet();
            try {
                gateStarted.countDown();
                if (!releaseLatch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("the scenario was never released");
                }
            } catch (InterruptedException e) {
                gate.woke.set(e);
                throw e;
            } finally {
                gate.ended.incrementAndGet();
            }
        }

        private Object parentBody() throws Exception {
            parent.started.incrementAndGet();
            TaskHandle<?> ch = null;
            try {
                TaskHandle<?> me = Task.current();
                Scheduler cs = sched(c.childOn);
                if (c.where == Where.BEFORE_START) {
                    for (int i = 0; i < hogCount(c); i++) {
                        Role hog = new Role("hog-" + i);
                        hogs.add(hog);
                        hog.handle = Task.builder().name(hog.name).scheduler(cs).link(Link.UNLINKED).spawn(() -> hogBody(hog));
                    }
                    // Spin, do not park: parking would hand our carrier to a hog when we share
                    // the child's scheduler, and we would never run again until the release.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                    while (hogsRunning.getCount() > 0) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("hogs did not start");
                        }
                        Thread.onSpinWait();
                    }
                }
                ch = Task.builder().name("child").scheduler(cs).link(c.link).spawn(() -> childBody(me));
                child.handle = ch;
                if (c.event == Event.CHILD_FAILS) {
                    ch.toCompletableFuture().whenComplete((v, e) -> release()); // after its failure has spread
                }
                switch (c.event) {
                    case CHILD_FAILS -> {
                        if (c.where != Where.PARENT_ENDED) {
                            parentInState.countDown();
                            waitIn(parent, c.where);
                        }
                    }
                    case CHILD_KILLED -> {
                        try {
                            switch (c.where) {
                                case PARENT_ENDED -> { } // the controller kills the child later
                                case CHILD_ENDED -> {
                                    ch.await();
                                    ch.kill(); // no effect on a dead task
                                }
                                case BEFORE_START -> ch.kill();
                                default -> {
                                    await(childInState);
                                    awaitBlocked(ch, c.where);
                                    ch.kill();
                                }
                            }
                        } finally {
                            if (c.where != Where.PARENT_ENDED) {
                                release();
                            }
                        }
                    }
                    case PARENT_FAILS -> {
                        if (c.where == Where.CHILD_ENDED) {
                            ch.await();
                        } else if (c.where != Where.BEFORE_START) {
                            await(childInState);
                            awaitBlocked(ch, c.where);
                        }
                        throw boom;
                    }
                    case PARENT_KILLED -> {
                        if (c.where != Where.PARENT_ENDED) {
                            if (c.where == Where.CHILD_ENDED) {
                                ch.await();
                            }
                            parentInState.countDown();
                            waitIn(parent, parentWait()); // the controller kills us here
                        }
                    }
                    default -> throw new AssertionError(c.event);
                }
                return "parent";
            } finally {
                TaskHandle<?> waitFor = ch;
                if (c.first == First.CHILD && waitFor != null) {
                    Task.unkillable(() -> {
                        waitFor.await();
                    });
                }
                parent.ended.incrementAndGet();
            }
        }

        private Object childBody(TaskHandle<?> p) throws Exception {
            child.started.incrementAndGet();
            try {
                if (c.event == Event.CHILD_FAILS) {
                    if (c.where == Where.PARENT_ENDED) {
                        p.await();
                    } else {
                        await(parentInState);
                        awaitBlocked(p, c.where);
                    }
                    throw boom;
                }
                if (c.where != Where.CHILD_ENDED) {
                    childInState.countDown();
                    waitIn(child, childWait());
                }
                return "child";
            } finally {
                if (c.first == First.PARENT) {
                    Task.unkillable(() -> {
                        p.await();
                    });
                }
                child.ended.incrementAndGet();
            }
        }

        private Object hogBody(Role hog) {
            hog.started.incrementAndGet();
            try {
                hogsRunning.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (!released.get()) { // holds its carrier: ignores kill on purpose
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("hog never released");
                    }
                    Thread.onSpinWait();
                }
                return null;
            } finally {
                hog.ended.incrementAndGet();
            }
        }

        /** The controller (a plain platform thread) kills the parent, or the child after the parent ended. */
        private void control() {
            try {
                await(parentSpawned);
                TaskHandle<?> p = parent.handle;
                if (c.event == Event.CHILD_KILLED) { // the parent has ended
                    p.await();
                    await(childInState);
                    awaitBlocked(child.handle, Where.JOIN);
                    child.handle.kill();
                } else if (c.where == Where.PARENT_ENDED) {
                    p.await();
                    await(childInState);
                    awaitBlocked(child.handle, Where.JOIN);
                    p.kill(); // no effect on a dead task
                } else {
                    await(parentInState);
                    if (c.where != Where.CHILD_ENDED && c.where != Where.BEFORE_START) {
                        await(childInState);
                        awaitBlocked(child.handle, c.where);
                    }
                    awaitBlocked(p, parentWait());
                    p.kill();
                }
            } catch (Throwable t) {
                controllerErrors.add(t);
            } finally {
                release();
            }
        }

        // ---- waits

        private Where parentWait() {
            return c.where == Where.BEFORE_START || c.where == Where.CHILD_ENDED ? Where.JOIN : c.where;
        }

        private Where childWait() {
            return c.where == Where.BEFORE_START || c.where == Where.PARENT_ENDED ? Where.JOIN : c.where;
        }

        /**
         * Waits in {@code w} until released, or until a kill or linked failure makes the weft call
         * throw. After the release one more call of the same kind is made, so a task hit before the
         * release always sees it in that call (the event happens before the release).
         */
        private void waitIn(Role role, Where w) {
            try {
                switch (w) {
                    case RUNNING -> {
                        while (!released.get()) {
                            Task.checkKilled();
                            Thread.onSpinWait();
                        }
                        Task.checkKilled();
                    }
                    case JOIN -> {
                        gate.handle.join();
                        Task.checkKilled();
                    }
                    case SLEEP -> {
                        while (!released.get()) {
                            Task.sleep(Duration.ofMillis(1));
                        }
                        Task.sleep(Duration.ZERO);
                    }
                    case YIELD -> {
                        while (!released.get()) {
                            Task.yieldNow();
                        }
                        Task.yieldNow();
                    }
                    default -> throw new AssertionError(w);
                }
            } catch (RuntimeException | Error e) {
                role.woke.set(e);
                throw e;
            }
        }

        /** For join and sleep: waits until the task has parked, so the event finds it inside the call. */
        private static void awaitBlocked(TaskHandle<?> h, Where w) {
            if (w != Where.JOIN && w != Where.SLEEP) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (h.state() != TaskState.BLOCKED) {
                if (System.nanoTime() > deadline || !h.isAlive()) {
                    throw new AssertionError(h + " never blocked");
                }
                if (Thread.currentThread().isVirtual()) {
                    Task.yieldNow(); // it may share our scheduler
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        private static void await(CountDownLatch latch) throws InterruptedException {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a step of the scenario");
            }
        }

        private void release() {
            released.set(true);
            releaseLatch.countDown();
        }

        private Scheduler sched(Sched s) {
            return switch (s) {
                case MAIN -> Kernel.current().mainScheduler();
                case DEFAULT -> Kernel.current().defaultScheduler();
                case SEPARATE -> separate;
            };
        }

        // ---- what happened

        String describe(int status, String stderr) {
            List<String> hogOutcomes = new ArrayList<>();
            int hogsStarted = 0;
            int hogsEnded = 0;
            for (Role h : hogs) {
                hogOutcomes.add(outcome(h));
                hogsStarted += h.started.get();
                hogsEnded += h.ended.get();
            }
            List<String> reportLines = new ArrayList<>();
            for (Report r : reports) {
                List<String> failed = r.failedToo().stream().map(this::roleOf).toList();
                reportLines.add(roleOf(r.task()) + ": " + (r.cause() == boom ? "boom" : String.valueOf(r.cause()))
                        + ", failed too " + failed + ", fails kernel " + r.failsKernel());
            }
            List<String> errLines = stderr.lines().map(l -> l.startsWith("weft: the kernel failed (exit status 101)")
                    ? "weft: the kernel failed (exit status 101)" : l).toList();
            return String.join("\n",
                    "status " + status,
                    line(main), gate.name + " " + outcome(gate) + " ran " + gate.started.get() + "/" + gate.ended.get(),
                    line(parent), line(child),
                    "hogs " + hogOutcomes + " ran " + hogsStarted + "/" + hogsEnded,
                    "reports " + reportLines,
                    "stderr " + errLines);
        }

        private String line(Role r) {
            return r.name + " " + outcome(r) + " woke " + thrown(r.woke.get()) + " ran " + r.started.get() + "/" + r.ended.get();
        }

        private String outcome(Role r) {
            TaskHandle<?> h = r.handle;
            if (h == null) {
                return "never spawned";
            }
            // Every task has ended once Kernel.run returned: await() must not block.
            TaskResult<?> res = h.await(Duration.ZERO).orElse(null);
            if (res == null) {
                return "still alive";
            }
            return switch (res) {
                case TaskResult.Completed<?> ok -> "Completed";
                case TaskResult.Failed<?> f -> "Failed(" + (f.cause() == boom ? "boom" : f.cause().toString()) + ")";
                case TaskResult.Killed<?> k -> "Killed";
            };
        }

        private String thrown(Throwable t) {
            if (t == null) {
                return "-";
            }
            String name = t.getClass().getSimpleName();
            if (t instanceof TaskKilledException && t.getCause() != null) {
                return name + "(" + (t.getCause() == boom ? "boom" : t.getCause().toString()) + ")";
            }
            return name;
        }

        private String roleOf(TaskId id) {
            for (Role r : List.of(main, gate, parent, child)) {
                if (r.handle != null && r.handle.id().equals(id)) {
                    return r.name;
                }
            }
            return String.valueOf(id);
        }
    }
}
