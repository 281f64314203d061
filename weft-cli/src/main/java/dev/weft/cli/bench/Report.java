package dev.weft.cli.bench;

import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.Unit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code weft bench} run measured: the machine, and one row per workload and runtime.
 *
 * @param jdk     the JDK's version ({@code Runtime.version()})
 * @param vendor  the JDK's vendor
 * @param cores   {@code availableProcessors()}
 * @param date    when the run started, ISO-8601 UTC
 * @param plan    what was run
 * @param rows    one per workload and runtime, in table order
 * @param seconds how long the whole run took
 */
public record Report(String jdk, String vendor, int cores, String date, BenchRunner.Plan plan, List<Row> rows,
                     double seconds) {

    /** One workload on one runtime: measured, not applicable, or failed. */
    public sealed interface Row permits Measured, Skipped, Failed {
        /** @return the workload id */
        String workload();

        /** @return the runtime */
        RuntimeId runtime();
    }

    /**
     * @param workload the workload id
     * @param runtime  the runtime
     * @param unit     the unit
     * @param size     the size run
     * @param values   the measured runs (warm-ups excluded), in run order
     */
    public record Measured(String workload, RuntimeId runtime, Unit unit, long size, double[] values) implements Row {
        /** @return the median of the runs */
        public double median() {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        /** @return the smallest run */
        public double min() {
            return Arrays.stream(values).min().orElseThrow();
        }

        /** @return the largest run */
        public double max() {
            return Arrays.stream(values).max().orElseThrow();
        }

        /** @return the number of measured runs */
        public int runs() {
            return values.length;
        }
    }

    /**
     * @param workload the workload id
     * @param runtime  the runtime
     * @param reason   why it does not run there
     */
    public record Skipped(String workload, RuntimeId runtime, String reason) implements Row {
    }

    /**
     * @param workload the workload id
     * @param runtime  the runtime
     * @param error    what went wrong
     */
    public record Failed(String workload, RuntimeId runtime, String error) implements Row {
    }

    /** @return the measured rows */
    public List<Measured> measured() {
        return rows.stream().filter(r -> r instanceof Measured).map(r -> (Measured) r).toList();
    }

    /** @return the failed rows */
    public List<Failed> failures() {
        return rows.stream().filter(r -> r instanceof Failed).map(r -> (Failed) r).toList();
    }

    /**
     * @param workload a workload id
     * @param runtime  a runtime
     * @return its measured row, if any
     */
    public Optional<Measured> find(String workload, RuntimeId runtime) {
        return measured().stream().filter(m -> m.workload().equals(workload) && m.runtime() == runtime).findFirst();
    }

    /**
     * The row's median over the jdk-virtual median of the same workload: below 1 is better for
     * every unit.
     *
     * @param m a measured row
     * @return the ratio, if jdk-virtual was measured and is not ~0
     */
    public Optional<Double> ratioToJdk(Measured m) {
        return find(m.workload(), RuntimeId.JDK_VIRTUAL)
                .filter(j -> j.median() > (m.unit() == Unit.CPU_PERCENT ? 0.05 : 0))
                .map(j -> m.median() / j.median());
    }
}
