package dev.weft.cli.bench;

import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.Unit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code weft bench --html}: one self-contained page (inline CSS and SVG, no script, no network):
 * a bar chart of each runtime's advantage over JDK virtual threads (log scale, right of 1x is
 * better), a bar chart of idle CPU, and the table.
 */
public final class HtmlReport {
    private static final String[] COLORS = {"#2b6cb0", "#2f855a", "#805ad5", "#718096", "#c05621"};
    private static final double LIMIT = 16; // the chart's log scale spans 1/16x .. 16x

    private HtmlReport() {
    }

    /**
     * @param r a report
     * @return the page
     */
    public static String render(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>weft bench</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif;margin:2em auto;max-width:980px;color:#1a202c}\n")
                .append("table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:3px 10px;text-align:left}\n")
                .append("td.n{text-align:right}tr.first td{border-top:1px solid #cbd5e0}.muted{color:#718096}\n")
                .append("svg text{font:12px system-ui,sans-serif}\n</style></head><body>\n");
        b.append("<h1>weft bench</h1>\n<p>").append(esc(String.format(Locale.ROOT, "%s suite: JDK %s (%s), %d cores, %s. "
                + "Medians of the measured runs, after %s.", r.plan().mode(), r.jdk(), r.vendor(), r.cores(), r.date(),
                TableReport.warmups(r)))).append("</p>\n");
        b.append("<h2>Against JDK virtual threads</h2>\n<p class=\"muted\">How many times faster (or smaller) than JDK virtual "
                + "threads on the default scheduler: jdk-virtual median / runtime median. Right of 1&times; is better. Log scale.</p>\n");
        b.append(ratioChart(r));
        b.append(idleChart(r));
        b.append("<h2>Table</h2>\n<table><tr><th>workload</th><th>runtime</th><th>median</th><th>min &ndash; max</th>"
                + "<th>unit</th><th>vs jdk-virtual</th></tr>\n");
        String last = null;
        for (Report.Row row : r.rows()) {
            boolean first = !row.workload().equals(last);
            last = row.workload();
            b.append(first ? "<tr class=\"first\">" : "<tr>").append("<td>").append(first ? esc(row.workload()) : "")
                    .append("</td><td>").append(esc(row.runtime().id())).append("</td>");
            switch (row) {
                case Report.Measured m -> b.append("<td class=\"n\">").append(TableReport.num(m.median()))
                        .append("</td><td class=\"n\">").append(TableReport.num(m.min())).append(" &ndash; ")
                        .append(TableReport.num(m.max())).append("</td><td>").append(esc(m.unit().symbol()))
                        .append("</td><td>").append(esc(TableReport.ratio(r, m))).append("</td>");
                case Report.Skipped s -> b.append("<td class=\"n\">n/a</td><td></td><td></td><td class=\"muted\">")
                        .append(esc(s.reason())).append("</td>");
                case Report.Failed f -> b.append("<td class=\"n\">FAILED</td><td></td><td></td><td>")
                        .append(esc(f.error())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p class=\"muted\">Made by <code>./weft bench</code>.</p>\n</body></html>\n");
        return b.toString();
    }

    private static String ratioChart(Report r) {
        List<String> workloads = new ArrayList<>();
        for (Report.Measured m : r.measured()) {
            if (m.unit() != Unit.CPU_PERCENT && !workloads.contains(m.workload())) {
                workloads.add(m.workload());
            }
        }
        List<RuntimeId> runtimes = runtimes(r);
        int bar = 14, gap = 3, groupGap = 14, left = 130, width = 560, right = 70, top = 30;
        int groupHeight = runtimes.size() * (bar + gap) + groupGap;
        int height = top + workloads.size() * groupHeight + 10;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"ratio to JDK virtual threads\">\n", left + width + right + 140, height));
        double mid = left + width / 2.0;
        for (int k = -4; k <= 4; k++) {
            double x = mid + k * (width / 2.0) / 4;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n", x, top - 8, x,
                    height - 10, k == 0 ? "#1a202c" : "#e2e8f0"));
            String label = k >= 0 ? (1 << k) + "\u00d7" : "1/" + (1 << -k);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, top - 12, label));
        }
        int y = top;
        for (String w : workloads) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", 4,
                    y + (runtimes.size() * (bar + gap)) / 2 + 4, esc(w)));
            for (int i = 0; i < runtimes.size(); i++) {
                RuntimeId rt = runtimes.get(i);
                var m = r.find(w, rt);
                var ratio = m.flatMap(r::ratioToJdk);
                int by = y + i * (bar + gap);
                if (ratio.isPresent()) {
                    double adv = 1 / ratio.get();
                    double lg = Math.max(-1, Math.min(1, Math.log(adv) / Math.log(LIMIT)));
                    double x0 = lg >= 0 ? mid : mid + lg * width / 2;
                    double wd = Math.max(1, Math.abs(lg) * width / 2);
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                            x0, by, wd, bar, COLORS[rt.ordinal() % COLORS.length]));
                    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s %.2f\u00d7</text>\n",
                            left + width + 6.0, by + bar - 3, esc(rt.id()), adv));
                } else {
                    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#a0aec0\">%s n/a</text>\n",
                            left + width + 6.0, by + bar - 3, esc(rt.id())));
                }
            }
            y += groupHeight;
        }
        return s.append("</svg>\n").toString();
    }

    private static String idleChart(Report r) {
        List<Report.Measured> idle = r.measured().stream().filter(m -> m.unit() == Unit.CPU_PERCENT).toList();
        if (idle.isEmpty()) {
            return "";
        }
        double max = Math.max(1.0, idle.stream().mapToDouble(Report.Measured::median).max().orElse(1));
        int bar = 16, gap = 4, left = 130, width = 560, top = 10;
        StringBuilder s = new StringBuilder("<h2>Idle CPU</h2>\n<p class=\"muted\">Process CPU while 1,000 tasks sit blocked, "
                + "in % of one core (lower is better; the target is under 1%).</p>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"idle CPU\">\n", left + width + 140, top + idle.size() * (bar + gap) + 10));
        int y = top;
        for (Report.Measured m : idle) {
            double wd = Math.max(1, m.median() / max * width);
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>\n", y + bar - 3, esc(m.runtime().id())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", left, y, wd,
                    bar, COLORS[m.runtime().ordinal() % COLORS.length]));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f%%</text>\n", left + wd + 6, y + bar - 3, m.median()));
            y += bar + gap;
        }
        return s.append("</svg>\n").toString();
    }

    private static List<RuntimeId> runtimes(Report r) {
        Set<RuntimeId> set = new LinkedHashSet<>(r.plan().runtimes());
        return new ArrayList<>(set);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
