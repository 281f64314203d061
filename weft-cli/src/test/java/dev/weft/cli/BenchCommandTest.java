package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.Workload;
import dev.weft.bench.workloads.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code weft bench} (the whole quick suite, at toy sizes) in-process, so the command
 * cannot rot: every workload runs on every runtime it supports and the JSON carries exactly
 * issue 5's schema and ids. Asserts nothing about speed.
 */
class BenchCommandTest {
    private static final Set<String> WORKLOAD_IDS = Set.of("skynet", "spawn-join", "ping-pong", "ping-pong-park", "ring",
            "fan-in", "parked-memory", "idle");
    private static final Set<String> RUNTIME_IDS = Set.of("weft-1", "weft-default", "weft-main", "jdk-virtual",
            "platform-pool");
    private static final Map<String, String> UNITS = Map.of("skynet", "ns/op", "spawn-join", "ns/op", "ping-pong", "ns/op",
            "ping-pong-park", "ns/op", "ring", "ns/op", "fan-in", "ns/op", "parked-memory", "bytes/task", "idle", "cpu%");

    @Test
    @Timeout(120)
    void quickSuiteAtToySizesWritesEveryWorkloadAndRuntime(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Path html = dir.resolve("bench.html");
        Run run = run("bench", "--scale", "0.001", "--warmups", "0", "--runs", "2",
                "--json", json.toString(), "--html", html.toString());

        assertThat(run.exit).as("exit status; stderr:%n%s", run.err).isZero();
        assertThat(run.out).contains("JDK " + Runtime.version(), Runtime.getRuntime().availableProcessors() + " cores",
                "vs jdk-virtual");
        for (String id : WORKLOAD_IDS) {
            assertThat(run.out).contains(id);
            assertThat(run.err).contains(id); // a progress line per workload
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) MiniJson.parse(Files.readString(json));
        assertThat(doc.keySet()).containsExactly("jdk", "cores", "date", "results");
        assertThat(doc.get("jdk")).isEqualTo(Runtime.version().toString());
        assertThat(doc.get("cores")).isEqualTo((double) Runtime.getRuntime().availableProcessors());
        assertThat((String) doc.get("date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");

        Set<String> seen = new HashSet<>();
        for (Map<String, Object> r : results) {
            assertThat(r.keySet()).containsExactly("workload", "runtime", "unit", "median", "min", "max", "runs");
            String w = (String) r.get("workload");
            String rt = (String) r.get("runtime");
            assertThat(WORKLOAD_IDS).contains(w);
            assertThat(RUNTIME_IDS).contains(rt);
            assertThat(r.get("unit")).isEqualTo(UNITS.get(w));
            double min = (Double) r.get("min");
            double median = (Double) r.get("median");
            double max = (Double) r.get("max");
            assertThat(min).isLessThanOrEqualTo(median);
            assertThat(median).isLessThanOrEqualTo(max);
            assertThat(r.get("runs")).isEqualTo(2.0);
            assertThat(seen.add(w + "/" + rt)).as("duplicate %s/%s", w, rt).isTrue();
        }
        // every workload on every runtime where it is feasible, and nothing else
        Set<String> expected = new HashSet<>();
        for (Workload w : Workloads.all()) {
            for (RuntimeId rt : Workloads.runtimes()) {
                if (w.unsupported(rt).isEmpty()) {
                    expected.add(w.id() + "/" + rt.id());
                }
            }
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(seen.stream().map(s -> s.split("/")[0])).containsAll(WORKLOAD_IDS);
        assertThat(seen.stream().map(s -> s.split("/")[1])).containsAll(RUNTIME_IDS);

        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "skynet", "weft-1").doesNotContain("<script", "<link", "@import")
                .doesNotContainPattern("(src|href)=\"https?:");
    }

    @Test
    void unknownWorkloadIsAnError() {
        Run run = run("bench", "--only", "skynet,nope");
        assertThat(run.exit).isNotZero();
        assertThat(run.err).contains("unknown workload 'nope'", "skynet", "ring");
    }

    @Test
    void onlyRunsTheNamedWorkloads(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("only.json");
        Run run = run("bench", "--only", "ring,spawn-join", "--runtimes", "weft-1,jdk-virtual", "--scale", "0.001",
                "--warmups", "0", "--runs", "1", "--json", json.toString());
        assertThat(run.exit).as("stderr:%n%s", run.err).isZero();
        String text = Files.readString(json);
        assertThat(text).contains("\"ring\"", "\"spawn-join\"", "\"weft-1\"", "\"jdk-virtual\"")
                .doesNotContain("skynet", "weft-default", "platform-pool");
    }

    @Test
    @Timeout(120)
    void deterministicAddsTheWeftDetRuntime(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("det.json");
        Run run = run("bench", "--deterministic", "--only", "skynet,ping-pong", "--runtimes", "weft-1", "--scale", "0.001",
                "--warmups", "0", "--runs", "1", "--json", json.toString());
        assertThat(run.exit).as("stderr:%n%s", run.err).isZero();
        String text = Files.readString(json);
        assertThat(text).contains("\"weft-det\"", "\"weft-1\"", "\"skynet\"", "\"ping-pong\"").doesNotContain("jdk-virtual");
        assertThat(Workloads.runtimes()).doesNotContain(RuntimeId.WEFT_DET); // not in the default suite
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        StringWriter picoErr = new StringWriter();
        long t0 = System.nanoTime();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = WeftCli.commandLine();
            cl.setErr(new PrintWriter(picoErr, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + picoErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldErr.printf("weft bench %s took %s%n", String.join(" ", args), Duration.ofNanos(System.nanoTime() - t0));
        }
    }
}
