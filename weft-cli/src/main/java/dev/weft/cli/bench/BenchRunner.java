package dev.weft.cli.bench;

import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.Session;
import dev.weft.bench.workloads.Workload;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs workloads on runtimes side by side in this JVM.
 *
 * <p>How it measures: every runtime's session (a weft kernel, the pool, ...) is opened once, up
 * front, and stays open for the whole run. For each workload, each runtime first does
 * {@code warmups} uncounted runs (JIT, class loading, first carrier starts); then come
 * {@code runs} rounds, and in each round every runtime does one measured run, in an order
 * rotated from round to round, so noise from the rest of the machine (and the JVM's own GC and
 * JIT) spreads over all runtimes instead of landing on one. A full GC precedes every run,
 * untimed, so no run pays for the previous one's garbage. A run is one execution of the
 * workload at its size, from the first spawn to the last join; what it reports is the
 * workload's unit (ns per operation, bytes per task, or CPU %). The table shows the median and
 * min–max of the measured runs.
 */
public final class BenchRunner {
    /**
     * What to run.
     *
     * @param workloads which, in order
     * @param runtimes  on which runtimes
     * @param full      the full sizes (else the quick ones)
     * @param scale     a factor on every size (toy runs in tests)
     * @param warmups   uncounted runs per workload and runtime
     * @param runs      measured runs per workload and runtime
     */
    public record Plan(List<Workload> workloads, List<RuntimeId> runtimes, boolean full, double scale, int warmups,
                       int runs) {
        /**
         * @param w a workload
         * @return the size it runs at under this plan
         */
        public long sizeOf(Workload w) {
            long base = full ? w.fullSize() : w.quickSize();
            return w.normalize(Math.round(base * scale));
        }

        /** @return "quick" or "full", plus the scale if not 1 */
        public String mode() {
            return (full ? "full" : "quick") + (scale != 1.0 ? String.format(Locale.ROOT, " x%s", scale) : "");
        }
    }

    private final Plan plan;
    private final PrintStream progress;

    /**
     * @param plan     what to run
     * @param progress where a progress line per workload goes (stderr)
     */
    public BenchRunner(Plan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** @return what was measured */
    public Report run() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        Map<RuntimeId, Session> sessions = new EnumMap<>(RuntimeId.class);
        List<Report.Row> rows = new ArrayList<>();
        try {
            for (RuntimeId r : plan.runtimes()) {
                sessions.put(r, Session.open(r));
            }
            int i = 0;
            for (Workload w : plan.workloads()) {
                i++;
                rows.addAll(runWorkload(w, i, sessions));
            }
        } finally {
            for (Session s : sessions.values()) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    progress.println("weft bench: closing " + s + " failed: " + e);
                }
            }
        }
        return new Report(Runtime.version().toString(), System.getProperty("java.vendor", "?"),
                Runtime.getRuntime().availableProcessors(), started.toString(), plan, rows,
                (System.nanoTime() - t0) / 1e9);
    }

    private List<Report.Row> runWorkload(Workload w, int index, Map<RuntimeId, Session> sessions) {
        long size = plan.sizeOf(w);
        int warmups = w.warmups(plan.warmups());
        int runs = w.runs(plan.runs());
        long t0 = System.nanoTime();
        progress.printf(Locale.ROOT, "weft bench: [%d/%d] %-14s size %,d: %d warm-up + %d runs on %d runtimes ... ",
                index, plan.workloads().size(), w.id(), size, warmups, runs, plan.runtimes().size());
        progress.flush();
        Map<RuntimeId, Report.Row> outcome = new LinkedHashMap<>();
        Map<RuntimeId, double[]> values = new LinkedHashMap<>();
        List<RuntimeId> active = new ArrayList<>();
        for (RuntimeId r : plan.runtimes()) {
            Optional<String> why = w.unsupported(r);
            if (why.isPresent()) {
                outcome.put(r, new Report.Skipped(w.id(), r, why.get()));
            } else {
                active.add(r);
                values.put(r, new double[runs]);
            }
        }
        for (RuntimeId r : active) {
            for (int k = 0; k < warmups && !outcome.containsKey(r); k++) {
                once(w, sessions.get(r), w.sizeOn(r, size)).ifPresent(err -> outcome.put(r, new Report.Failed(w.id(), r, err)));
            }
        }
        for (int round = 0; round < runs; round++) {
            for (int j = 0; j < active.size(); j++) {
                RuntimeId r = active.get((j + round) % active.size());
                if (outcome.containsKey(r)) {
                    continue;
                }
                int rr = round;
                Optional<String> err = once(w, sessions.get(r), w.sizeOn(r, size), v -> values.get(r)[rr] = v);
                err.ifPresent(e -> outcome.put(r, new Report.Failed(w.id(), r, e)));
            }
        }
        List<Report.Row> rows = new ArrayList<>();
        for (RuntimeId r : plan.runtimes()) {
            rows.add(outcome.containsKey(r) ? outcome.get(r) : new Report.Measured(w.id(), r, w.unit(), w.sizeOn(r, size), values.get(r)));
        }
        long failed = rows.stream().filter(x -> x instanceof Report.Failed).count();
        progress.printf(Locale.ROOT, "%.1f s%s%n", (System.nanoTime() - t0) / 1e9, failed > 0 ? " (" + failed + " FAILED)" : "");
        for (Report.Row row : rows) {
            if (row instanceof Report.Failed f) {
                progress.println("weft bench:   " + f.workload() + " on " + f.runtime() + " failed: " + f.error());
            }
        }
        return rows;
    }

    private Optional<String> once(Workload w, Session s, long size) {
        return once(w, s, size, v -> { });
    }

    private Optional<String> once(Workload w, Session s, long size, java.util.function.DoubleConsumer sink) {
        System.gc();
        try {
            sink.accept(w.measure(s, size));
            return Optional.empty();
        } catch (Throwable t) {
            t.printStackTrace(progress);
            return Optional.of(String.valueOf(t));
        }
    }
}
