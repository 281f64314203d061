package dev.weft.cli;

import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.Workload;
import dev.weft.bench.workloads.Workloads;
import dev.weft.cli.bench.BenchRunner;
import dev.weft.cli.bench.HtmlReport;
import dev.weft.cli.bench.JsonReport;
import dev.weft.cli.bench.Report;
import dev.weft.cli.bench.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft bench}: issue 5. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs classic task-runtime workloads on weft and on the JDK's alternatives, side by side in this JVM,",
            "and prints one table: median and min-max over the measured runs (warm-up runs are not counted),",
            "and the ratio to JDK virtual threads on the default scheduler.",
            "",
            "Workloads: skynet, spawn-join, ping-pong, ping-pong-park, ring, fan-in, parked-memory, idle.",
            "Runtimes:  weft-1 (one carrier), weft-default (one carrier per core), weft-main (main-thread",
            "           scheduler), jdk-virtual, platform-pool (Executors.newFixedThreadPool(cores)).",
            ""},
        footer = {"", "The quick suite takes under 3 minutes on 2 cores; --full runs the sizes of issue 5 and takes longer."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--full", description = "the full sizes (1M tasks, 4M messages, 2 s idle, ...) and more runs")
    boolean full;

    @Option(names = "--only", split = ",", paramLabel = "WORKLOAD", description = "run only these workloads, e.g. --only skynet,ring")
    List<String> only = new ArrayList<>();

    @Option(names = "--runtimes", split = ",", paramLabel = "RUNTIME", description = "run only on these runtimes, e.g. --runtimes weft-1,jdk-virtual")
    List<String> runtimes = new ArrayList<>();

    @Option(names = "--deterministic", description = "also run weft's deterministic mode (runtime weft-det: every task on one thread, seeded order)")
    boolean deterministic;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML page with a bar chart of the ratios")
    Path html;

    @Option(names = "--runs", paramLabel = "N", description = "measured runs per workload and runtime (default: 5 quick, 7 full)")
    Integer runs;

    @Option(names = "--warmups", paramLabel = "N", description = "uncounted warm-up runs per workload and runtime (default: 2 quick, 3 full)")
    Integer warmups;

    @Option(names = "--scale", hidden = true, paramLabel = "FACTOR", description = "multiply every size (toy runs in tests: 0.001)")
    double scale = 1.0;

    @Override
    public Integer call() throws IOException {
        List<Workload> workloads = new ArrayList<>();
        if (only.isEmpty()) {
            workloads.addAll(Workloads.all());
        } else {
            for (String id : only) {
                workloads.add(Workloads.byId(id.trim()));
            }
        }
        List<RuntimeId> rts = new ArrayList<>();
        if (runtimes.isEmpty()) {
            rts.addAll(Workloads.runtimes());
        } else {
            for (String id : runtimes) {
                rts.add(RuntimeId.of(id.trim()));
            }
        }
        if (deterministic && !rts.contains(RuntimeId.WEFT_DET)) {
            rts.add(RuntimeId.WEFT_DET);
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive, got " + scale);
        }
        BenchRunner.Plan plan = new BenchRunner.Plan(workloads, rts, full, scale,
                warmups != null ? warmups : (full ? 3 : 2),
                runs != null ? runs : (full ? 7 : 5));
        if (plan.runs() < 1 || plan.warmups() < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmups >= 0");
        }
        Report report = new BenchRunner(plan, System.err).run();
        System.out.print(TableReport.render(report));
        System.out.flush();
        if (json != null) {
            write(json, JsonReport.render(report));
        }
        if (html != null) {
            write(html, HtmlReport.render(report));
        }
        return report.failures().isEmpty() ? 0 : 1;
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content);
        System.err.println("weft bench: wrote " + file);
    }
}
