package dev.sluice.harness.report;

import dev.sluice.harness.scenario.Check;
import dev.sluice.harness.scenario.ScenarioResult;
import java.util.List;
import java.util.Locale;

/** The gate's results as JUnit XML: one test case per scenario run, so any CI shows them. */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(String suite, List<ScenarioResult> results) {
        long failures = results.stream().filter(ScenarioResult::failed).count();
        long skipped = results.stream().filter(ScenarioResult::isSkipped).count();
        double seconds = results.stream().mapToDouble(ScenarioResult::seconds).sum();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\""
                + " skipped=\"%d\" time=\"%.3f\">%n", Xml.escape(suite), results.size(), failures, skipped, seconds));
        for (ScenarioResult result : results) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"sluice.scenario\" name=\"%s [seed %d]\""
                    + " time=\"%.3f\">%n", Xml.escape(result.name()), result.seed(), result.seconds()));
            if (result.isSkipped()) {
                xml.append("    <skipped message=\"").append(Xml.escape(result.skipped())).append("\"/>\n");
            } else if (!result.passed()) {
                xml.append("    <failure message=\"").append(Xml.escape(result.firstFailure())).append("\">")
                        .append(Xml.escape(checks(result))).append("</failure>\n");
            }
            xml.append("    <system-out>").append(Xml.escape(checks(result) + "output: " + result.outputDirectory()))
                    .append("</system-out>\n");
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private static String checks(ScenarioResult result) {
        StringBuilder text = new StringBuilder();
        if (result.error() != null) {
            text.append("ERROR ").append(result.error()).append('\n');
        }
        for (Check check : result.checks()) {
            text.append(check.passed() ? "ok   " : "FAIL ").append(check.name()).append(" -- ").append(check.detail())
                    .append('\n');
        }
        result.figures().forEach((k, v) -> text.append("figure ").append(k).append(" = ").append(v).append('\n'));
        return text.toString();
    }
}
