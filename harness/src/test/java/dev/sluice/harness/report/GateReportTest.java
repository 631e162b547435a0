package dev.sluice.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.harness.gate.Gate;
import dev.sluice.harness.scenario.Check;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.Timeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class GateReportTest {
    private final List<ScenarioResult> results = List.of(result("baseline", true), result("black_hole", false));

    @Test
    void junitXmlHasOneTestCasePerScenarioAndParses() throws Exception {
        String xml = JunitXml.render("sluice-gate", results);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(xml).contains("black_hole [seed 7]").contains("every stream failed within 3200 ms &lt;x&gt;");
    }

    @Test
    void htmlReportDrawsATimelineWithFaultsAndDetections() {
        String html = HtmlReport.render("Sluice gate", 5, results);

        assertThat(html).contains("<svg").contains("<polyline").contains("black hole both ways")
                .contains("./sluice scenario black_hole --seed 7").contains("class=\"fail\">FAIL");
        assertThat(html).doesNotContain("<x>");
    }

    @Test
    void summaryNamesTheFailingScenario() {
        String table = SummaryTable.render(results);

        assertThat(table).contains("baseline").contains("PASS").contains("black_hole").contains("FAIL")
                .contains("2 scenario runs, 1 passed, 1 failed");
    }

    @Test
    void scenarioSeedsAreAFunctionOfTheBaseSeed() {
        assertThat(Gate.scenarioSeed(1, 0, 0)).isEqualTo(Gate.scenarioSeed(1, 0, 0));
        assertThat(Gate.scenarioSeed(1, 0, 0)).isNotEqualTo(Gate.scenarioSeed(1, 1, 0));
        assertThat(Gate.scenarioSeed(1, 0, 0)).isNotEqualTo(Gate.scenarioSeed(2, 0, 0));
    }

    private static ScenarioResult result(String name, boolean passed) {
        Timeline timeline = new Timeline(0);
        timeline.sample(100_000_000L, "client-1", new long[] {1000, 2000});
        timeline.sample(900_000_000L, "client-1", new long[] {5000, 4000});
        timeline.markAt(400_000_000L, Timeline.Kind.FAULT_START, "black hole both ways");
        timeline.markAt(1_500_000_000L, Timeline.Kind.DETECTION, "client-1 detected");
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("client-1 last failure after fault (ms)", 1100L);
        return new ScenarioResult(name, 7, List.of(new Check("every stream failed within 3200 ms <x>", passed,
                "first 1000 ms")), figures, 2.5, timeline, Path.of("gate-out", name), null);
    }
}
