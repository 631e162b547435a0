package dev.sluice.harness.report;

import dev.sluice.harness.scenario.Check;
import dev.sluice.harness.scenario.ScenarioResult;
import java.util.List;
import java.util.Locale;

/** A self-contained HTML report: summary, then per scenario its checks, figures and timeline (inline SVG). */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(String title, long baseSeed, List<ScenarioResult> results) {
        long failed = results.stream().filter(ScenarioResult::failed).count();
        long skipped = results.stream().filter(ScenarioResult::isSkipped).count();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Xml.escape(title)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1000px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append(".pass{color:#2e7d32;font-weight:bold}.fail{color:#c62828;font-weight:bold}")
                .append(".skip{color:#8d6e00;font-weight:bold}")
                .append("section{margin-top:2em}code{background:#f4f4f4}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(Xml.escape(title)).append("</h1>\n");
        html.append(String.format(Locale.ROOT, "<p>%d scenario runs, <span class=\"%s\">%d failed</span>%s. Base seed"
                + " <code>%d</code>.</p>%n", results.size(), failed == 0 ? "pass" : "fail", failed,
                skipped == 0 ? "" : ", <span class=\"skip\">" + skipped + " skipped</span>", baseSeed));
        html.append("<table><tr><th>scenario</th><th>result</th><th>seed</th><th>seconds</th>"
                + "<th>first failure</th></tr>\n");
        for (ScenarioResult result : results) {
            html.append(String.format(Locale.ROOT, "<tr><td><a href=\"#%s\">%s</a></td><td class=\"%s\">%s</td>"
                    + "<td>%d</td><td>%.1f</td><td>%s</td></tr>%n", anchor(result), Xml.escape(result.name()),
                    css(result), result.verdict(), result.seed(),
                    result.seconds(), Xml.escape(result.passed() ? "" : result.firstFailure())));
        }
        html.append("</table>\n");
        for (ScenarioResult result : results) {
            section(html, result);
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, ScenarioResult result) {
        html.append(String.format(Locale.ROOT, "<section id=\"%s\"><h2>%s <span class=\"%s\">%s</span></h2>%n",
                anchor(result), Xml.escape(result.name()), css(result), result.verdict()));
        html.append(String.format(Locale.ROOT, "<p>seed <code>%d</code>, %.1f s; reproduce with"
                + " <code>./sluice scenario %s --seed %d</code>; node output in <code>%s</code></p>%n", result.seed(),
                result.seconds(), Xml.escape(result.name()), result.seed(),
                Xml.escape(result.outputDirectory().toString())));
        if (result.isSkipped()) {
            html.append("<p class=\"skip\">skipped: ").append(Xml.escape(result.skipped())).append("</p>\n");
        }
        if (result.error() != null) {
            html.append("<p class=\"fail\">").append(Xml.escape(result.error())).append("</p>\n");
        }
        html.append(TimelineSvg.render(result.timeline()));
        html.append("<table><tr><th></th><th>expectation</th><th>seen</th></tr>\n");
        for (Check check : result.checks()) {
            html.append(String.format(Locale.ROOT, "<tr><td class=\"%s\">%s</td><td>%s</td><td>%s</td></tr>%n",
                    check.passed() ? "pass" : "fail", check.passed() ? "ok" : "FAIL", Xml.escape(check.name()),
                    Xml.escape(check.detail())));
        }
        html.append("</table>\n");
        if (!result.figures().isEmpty()) {
            html.append("<table><tr><th>figure</th><th>value</th></tr>\n");
            result.figures().forEach((name, value) -> html.append("<tr><td>").append(Xml.escape(name))
                    .append("</td><td>").append(value).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        html.append("</section>\n");
    }

    private static String css(ScenarioResult result) {
        return result.isSkipped() ? "skip" : result.passed() ? "pass" : "fail";
    }

    private static String anchor(ScenarioResult result) {
        return result.name() + "-" + Long.toUnsignedString(result.seed(), 36);
    }
}
