package dev.sluice.bench.ab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code comparison.html}: one self-contained page, an interval chart per scenario and the full table. */
final class ComparisonHtml {
    private ComparisonHtml() {
    }

    static String render(AbReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sluice A/B comparison</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}.regression{color:#c9302c;")
                .append("font-weight:bold}.improvement{color:#449d44}</style></head><body>");
        html.append("<h1>Sluice A/B comparison</h1><p><b>").append(esc(ComparisonMarkdown.headline(report)))
                .append("</b></p>");
        html.append("<p>Baseline ").append(esc(report.baseline().revision())).append(" (")
                .append(esc(report.baseline().commit())).append("), candidate ")
                .append(esc(report.candidate().revision())).append(" (").append(esc(report.candidate().commit()))
                .append("). Load average at each scenario's start: ").append(esc(report.loadAverages().toString()))
                .append(".</p><p>").append(esc(AbReport.METHOD)).append(". Dot: ratio candidate/baseline; bar: 95% "
                        + "interval (log scale); grey band: within the threshold.</p>");
        Map<String, List<AbFigure>> byScenario = new LinkedHashMap<>();
        report.figures().forEach(f -> byScenario.computeIfAbsent(f.scenario(), s -> new ArrayList<>()).add(f));
        byScenario.forEach((scenario, figures) -> html.append("<div>")
                .append(IntervalChart.render(scenario, figures)).append("</div>"));
        html.append("<table><tr><th>figure</th><th>ratio</th><th>95% interval</th><th>±</th><th>per fork</th><th>threshold</th>")
                .append("<th>verdict</th><th>baseline median</th><th>candidate median</th></tr>");
        for (AbFigure f : report.figures()) {
            html.append("<tr class=\"").append(f.verdict()).append("\"><td>").append(esc(f.id()))
                    .append("</td><td>").append(ComparisonMarkdown.ratio(f.ratio()))
                    .append("</td><td>").append(ComparisonMarkdown.ratio(f.ciLow())).append(" – ")
                    .append(ComparisonMarkdown.ratio(f.ciHigh()))
                    .append("</td><td>±").append(ComparisonMarkdown.percent(f.halfWidth()))
                    .append("</td><td>").append(ComparisonMarkdown.forkRatios(f))
                    .append("</td><td>").append(ComparisonMarkdown.percent(f.threshold()))
                    .append("</td><td>").append(esc(ComparisonMarkdown.verdictText(f).replace("*", "")))
                    .append("</td><td>").append(esc(AbFormats.value(f.baselineMedian(), f.unit())))
                    .append("</td><td>").append(esc(AbFormats.value(f.candidateMedian(), f.unit())))
                    .append("</td></tr>");
        }
        html.append("</table>");
        if (!report.notes().isEmpty()) {
            html.append("<h2>Notes</h2><ul>");
            report.notes().forEach(n -> html.append("<li>").append(esc(n)).append("</li>"));
            html.append("</ul>");
        }
        return html.append("</body></html>").toString();
    }

    private static String esc(String text) {
        return IntervalChart.escape(text);
    }
}
