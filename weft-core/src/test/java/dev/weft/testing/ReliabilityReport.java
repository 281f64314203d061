package dev.weft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the figures of the reliability tests (chaos, fault injection, bad input) as small JSON
 * files under {@code target/reliability/}; {@code ./weft reliability} turns them into
 * RELIABILITY.md.
 */
public final class ReliabilityReport {
    private ReliabilityReport() {
    }

    /** @return {@code <module>/target/reliability} (surefire runs in the module's directory) */
    public static Path dir() {
        return Path.of(System.getProperty("basedir", "."), "target", "reliability");
    }

    /**
     * @param file  the file name, e.g. {@code chaos.json}
     * @param value maps, collections, numbers, booleans and strings
     */
    public static void write(String file, Object value) {
        try {
            Files.createDirectories(dir());
            Files.writeString(dir().resolve(file), json(value, "") + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object v, String indent) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "{}";
            }
            StringBuilder sb = new StringBuilder("{\n");
            String in = indent + "  ";
            int i = 0;
            for (var e : m.entrySet()) {
                sb.append(in).append(quote(String.valueOf(e.getKey()))).append(": ").append(json(e.getValue(), in))
                        .append(++i < m.size() ? ",\n" : "\n");
            }
            return sb.append(indent).append('}').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            int i = 0;
            for (Object o : c) {
                sb.append(i++ == 0 ? "" : ", ").append(json(o, indent));
            }
            return sb.append(']').toString();
        }
        return quote(v.toString());
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
