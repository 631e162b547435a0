package dev.sluice.bench.report;

import dev.sluice.bench.report.Comparison.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The comparison as one self-contained HTML page: a chart per scenario and the full table. */
public final class HtmlReport {
    private static final Set<String> CHARTED = Set.of("messagesPerSecond", "payloadBytesPerSecond", "p50Micros",
            "p99Micros", "p999Micros", "totalCpuNanosPerMessage", "serverHeapBytesPerConnection",
            "peakOutstandingBytes", "p99Millis");

    private HtmlReport() {
    }

    public static String render(BenchReport baseline, BenchReport current, List<Row> rows) {
        long regressions = rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).count();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sluice benchmark comparison</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}.bad{color:#c9302c;font-weight:bold}")
                .append(".good{color:#449d44}</style></head><body>");
        html.append("<h1>Sluice benchmark comparison</h1>");
        html.append(regressions == 0 ? "<p class=\"good\">No regression beyond the measured noise.</p>"
                : "<p class=\"bad\">" + regressions + " regression(s) beyond the measured noise.</p>");
        html.append("<p>Bars: ratio to the control measured in the same run (grey: baseline from ")
                .append(SvgChart.escape(baseline.startedAt())).append("; colour: this run from ")
                .append(SvgChart.escape(current.startedAt()))
                .append("). Whiskers: noise across rounds. Red: regression; green: improvement.</p>");
        Map<String, List<Row>> byScenario = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.currentRatio() != null && r.verdict() != Verdict.INFORMATIONAL && CHARTED.contains(r.metric())) {
                byScenario.computeIfAbsent(r.scenario(), s -> new java.util.ArrayList<>()).add(r);
            }
        }
        byScenario.forEach((scenario, scenarioRows) -> html.append("<div>")
                .append(SvgChart.ratios(scenario, scenarioRows)).append("</div>"));
        html.append("<h2>All ratios (only Sluice's headline figures are gated; \"info\" rows are context)</h2><table><tr><th>figure</th><th>baseline ratio</th><th>this run ratio</th>")
                .append("<th>change</th><th>tolerance</th><th>verdict</th><th>value now</th><th>goal</th></tr>");
        for (Row r : rows) {
            if (r.currentRatio() == null) {
                continue;
            }
            String css = r.verdict() == Verdict.REGRESSION ? "bad" : r.verdict() == Verdict.IMPROVEMENT ? "good" : "";
            html.append("<tr class=\"").append(css).append("\"><td>").append(SvgChart.escape(r.id()))
                    .append("</td><td>").append(Formats.ratio(r.baselineRatio())).append(' ')
                    .append(Formats.noise(r.baselineNoise())).append("</td><td>").append(Formats.ratio(r.currentRatio()))
                    .append(' ').append(Formats.noise(r.currentNoise())).append("</td><td>")
                    .append(Double.isNaN(r.change()) ? "" : MarkdownReport.signedPct(r.change())).append("</td><td>")
                    .append(Double.isNaN(r.tolerance()) ? "" : MarkdownReport.pct(r.tolerance())).append("</td><td>")
                    .append(MarkdownReport.verdict(r.verdict()).replace("*", "")).append("</td><td>")
                    .append(SvgChart.escape(Formats.value(r.currentMedian(), r.unit()))).append("</td><td>")
                    .append(r.goal() == null ? "" : SvgChart.escape(r.goal()
                            + (Boolean.TRUE.equals(r.goalMet()) ? " met" : " missed")))
                    .append("</td></tr>");
        }
        html.append("</table>");
        if (!current.notes().isEmpty()) {
            html.append("<h2>Notes on this run</h2><ul>");
            current.notes().forEach(n -> html.append("<li>").append(SvgChart.escape(n)).append("</li>"));
            html.append("</ul>");
        }
        return html.append("</body></html>").toString();
    }
}
