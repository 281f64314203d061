package dev.weft.cli.bench;

import dev.weft.bench.workloads.Unit;
import dev.weft.bench.workloads.Workload;
import java.util.Locale;

/** The table {@code weft bench} prints on stdout. */
public final class TableReport {
    private TableReport() {
    }

    /**
     * @param r a report
     * @return the table, with the JDK, core count and date on top
     */
    public static String render(Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "weft bench (%s): JDK %s (%s), %d cores, %s%n", r.plan().mode(), r.jdk(),
                r.vendor(), r.cores(), r.date()));
        b.append(String.format(Locale.ROOT, "median and min-max of the measured runs, after %s; "
                + "vs jdk-virtual: ratio of medians to JDK virtual threads%n%n", warmups(r)));
        String fmt = "%-15s %-14s %12s  %-23s %4s  %-11s %s%n";
        b.append(String.format(Locale.ROOT, fmt, "workload", "runtime", "median", "min - max", "runs", "unit", "vs jdk-virtual"));
        String last = null;
        for (Report.Row row : r.rows()) {
            String wl = row.workload().equals(last) ? "" : row.workload();
            last = row.workload();
            switch (row) {
                case Report.Measured m -> b.append(String.format(Locale.ROOT, fmt, wl, m.runtime().id(), num(m.median()),
                        num(m.min()) + " - " + num(m.max()), m.runs(), m.unit().symbol(), ratio(r, m)));
                case Report.Skipped s -> b.append(String.format(Locale.ROOT, fmt, wl, s.runtime().id(), "n/a", "", "", "",
                        s.reason()));
                case Report.Failed f -> b.append(String.format(Locale.ROOT, fmt, wl, f.runtime().id(), "FAILED", "", "", "",
                        f.error()));
            }
        }
        b.append(String.format(Locale.ROOT, "%nsizes: "));
        String sep = "";
        for (Workload w : r.plan().workloads()) {
            b.append(sep).append(w.id()).append(' ').append(String.format(Locale.ROOT, "%,d", r.plan().sizeOf(w)));
            b.append(w.unit() == Unit.CPU_PERCENT ? " ms" : "");
            for (var rt : r.plan().runtimes()) {
                long on = w.sizeOn(rt, r.plan().sizeOf(w));
                if (on != r.plan().sizeOf(w) && w.unsupported(rt).isEmpty()) {
                    b.append(String.format(Locale.ROOT, " (%s: %,d)", rt.id(), on));
                }
            }
            sep = ", ";
        }
        b.append(String.format(Locale.ROOT, "%ntotal %.0f s%n", r.seconds()));
        return b.toString();
    }

    /** @return "2 uncounted warm-up runs (parked-memory: 1, idle: 0)" */
    static String warmups(Report r) {
        StringBuilder b = new StringBuilder().append(r.plan().warmups()).append(" uncounted warm-up runs");
        String sep = " (";
        for (Workload w : r.plan().workloads()) {
            if (w.warmups(r.plan().warmups()) != r.plan().warmups()) {
                b.append(sep).append(w.id()).append(": ").append(w.warmups(r.plan().warmups()));
                sep = ", ";
            }
        }
        return sep.equals(", ") ? b.append(')').toString() : b.toString();
    }

    /** @return "2.31x faster", "1.20x slower", "0.85x", or "-" */
    static String ratio(Report r, Report.Measured m) {
        if (m.unit() == Unit.CPU_PERCENT) {
            return "(absolute: target < 1%)"; // a ratio of a few 10 ms clock ticks says nothing
        }
        if (m.runtime() == dev.weft.bench.workloads.RuntimeId.JDK_VIRTUAL) {
            return "1.00x";
        }
        return r.ratioToJdk(m).map(x -> switch (m.unit()) {
            case NS_PER_OP -> x <= 1 ? String.format(Locale.ROOT, "%.2fx faster", 1 / x)
                    : String.format(Locale.ROOT, "%.2fx slower", x);
            case BYTES_PER_TASK -> String.format(Locale.ROOT, "%.2fx the memory", x);
            case CPU_PERCENT -> "-";
        }).orElse("-");
    }

    /** @return a number with 3-4 significant digits */
    static String num(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
