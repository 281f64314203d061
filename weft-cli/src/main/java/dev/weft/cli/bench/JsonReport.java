package dev.weft.cli.bench;

import java.util.Locale;

/**
 * {@code weft bench --json}: {@code {"jdk", "cores", "date", "results": [{"workload", "runtime",
 * "unit", "median", "min", "max", "runs"}]}} exactly as issue 5 fixes it. Other tools read it:
 * keep the names stable. Only measured rows appear in {@code results} (a workload that does not
 * run on a runtime, or failed there, has no entry).
 */
public final class JsonReport {
    private JsonReport() {
    }

    /**
     * @param r a report
     * @return the JSON document
     */
    public static String render(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("{\n");
        b.append("  \"jdk\": ").append(str(r.jdk())).append(",\n");
        b.append("  \"cores\": ").append(r.cores()).append(",\n");
        b.append("  \"date\": ").append(str(r.date())).append(",\n");
        b.append("  \"results\": [");
        String sep = "\n";
        for (Report.Measured m : r.measured()) {
            b.append(sep).append("    {")
                    .append("\"workload\": ").append(str(m.workload()))
                    .append(", \"runtime\": ").append(str(m.runtime().id()))
                    .append(", \"unit\": ").append(str(m.unit().symbol()))
                    .append(", \"median\": ").append(num(m.median()))
                    .append(", \"min\": ").append(num(m.min()))
                    .append(", \"max\": ").append(num(m.max()))
                    .append(", \"runs\": ").append(m.runs())
                    .append('}');
            sep = ",\n";
        }
        b.append(r.measured().isEmpty() ? "]\n" : "\n  ]\n");
        b.append("}\n");
        return b.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
