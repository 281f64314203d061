package dev.weft.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test class path in a fresh JVM (for JVM-wide, once-only behaviour). */
public final class ForkedJvm {
    private ForkedJvm() {
    }

    /** What the child printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) { }

    /**
     * @param jvmArgs   JVM options (e.g. the --add-opens flag, or none)
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the result
     */
    public static Result run(List<String> jvmArgs, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var outF = new java.util.concurrent.CompletableFuture<String>();
        var errF = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofPlatform().start(() -> outF.complete(read(out)));
        Thread.ofPlatform().start(() -> errF.complete(read(err)));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("forked JVM did not finish in 60 s: " + cmd);
        }
        return new Result(p.exitValue(), outF.join(), errF.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    /** @return the flag weft needs */
    public static String addOpens() {
        return "--add-opens=java.base/java.lang=ALL-UNNAMED";
    }
}
