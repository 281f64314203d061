package dev.weft.test;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.weft.Kernel;
import dev.weft.TaskInfo;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a timed-out {@link WeftTest} prints on {@code System.err}: the kernel's live tasks
 * ({@link Kernel#tasks()}) and the stacks of every thread, virtual threads (tasks) included
 * where the JVM's thread dump can see them ({@code HotSpotDiagnosticMXBean.dumpThreads}),
 * else the platform threads' stacks.
 */
final class HangDump {
    private HangDump() { }

    /** Loaded ahead by {@link #prepare()}: the first lookup costs ~0.2 s, a timeout has none to spare. */
    private static volatile HotSpotDiagnosticMXBean diagnostics;

    /** Loads the JVM's thread-dump support now, before a deadline needs it. */
    static void prepare() {
        try {
            if (diagnostics == null) {
                diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            }
        } catch (RuntimeException | LinkageError e) {
            // threadStacks() falls back to the platform threads' stacks
        }
    }

    static void print(PrintStream out, String headline, Kernel kernel) {
        StringBuilder sb = new StringBuilder();
        sb.append("=== ").append(headline).append(" ===\n");
        if (kernel == null) {
            sb.append("the kernel had not started the test body yet\n");
        } else {
            try {
                sb.append("kernel tasks (Kernel.tasks()):\n");
                for (TaskInfo t : kernel.tasks()) {
                    sb.append("  ").append(t).append('\n');
                }
            } catch (RuntimeException e) {
                sb.append("  (Kernel.tasks() failed: ").append(e).append(")\n");
            }
        }
        sb.append("thread stacks:\n").append(threadStacks());
        sb.append("=== end of ").append(headline).append(" ===\n");
        out.print(sb);
        out.flush();
    }

    private static String threadStacks() {
        try {
            Path dir = Files.createTempDirectory("weft-test-threads");
            Path file = dir.resolve("threads.txt");
            try {
                prepare();
                diagnostics.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                return Files.readString(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (Exception | LinkageError e) {
            StringBuilder sb = new StringBuilder("(full thread dump unavailable: " + e + "; platform threads only)\n");
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                sb.append('"').append(entry.getKey().getName()).append("\" ").append(entry.getKey().getState()).append('\n');
                for (StackTraceElement frame : entry.getValue()) {
                    sb.append("    at ").append(frame).append('\n');
                }
            }
            return sb.toString();
        }
    }
}
