package dev.sluice.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gate's results as JSON: every scenario, check, figure and timeline mark. */
public final class ResultsJson {
    private ResultsJson() {
    }

    public static void write(Path file, long baseSeed, List<ScenarioResult> results) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", baseSeed);
        root.put("passed", results.stream().allMatch(ScenarioResult::passed));
        root.put("scenarios", results.stream().map(ResultsJson::scenario).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> scenario(ScenarioResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", result.name());
        json.put("seed", result.seed());
        json.put("passed", result.passed());
        json.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        json.put("error", result.error());
        json.put("checks", result.checks().stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("passed", c.passed());
            check.put("detail", c.detail());
            return check;
        }).toList());
        json.put("figures", result.figures());
        json.put("marks", result.timeline().marks().stream().map(ResultsJson::mark).toList());
        json.put("output", result.outputDirectory().toString());
        return json;
    }

    private static Map<String, Object> mark(Timeline.Mark mark) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ms", mark.millis());
        json.put("kind", mark.kind().name());
        json.put("label", mark.label());
        return json;
    }
}
