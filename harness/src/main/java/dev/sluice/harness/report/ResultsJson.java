package dev.sluice.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.harness.gate.CaseResult;
import dev.sluice.harness.gate.GateRun;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's results as JSON: the run's identity (base seed, matrix, shard), then every scenario
 * run with its checks, figures, timeline marks and samples. It is the complete record: a merge of
 * shards rebuilds junit.xml and report.html from it ({@link ResultsJsonReader}).
 */
public final class ResultsJson {
    /** Bumped when a field changes meaning; a merge refuses files of another version. */
    public static final int FORMAT = 2;

    private ResultsJson() {
    }

    public static void write(Path file, GateRun run, List<CaseResult> results) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("seed", run.baseSeed());
        root.put("passed", results.stream().noneMatch(r -> r.result().failed())
                && results.stream().anyMatch(r -> r.result().passed()));
        root.put("run", run(run));
        root.put("scenarios", results.stream().map(ResultsJson::scenario).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> run(GateRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("digest", run.digest());
        json.put("baseSeed", run.baseSeed());
        json.put("seeds", run.seeds());
        json.put("serverDefect", run.serverDefect());
        json.put("shard", run.shard().toString());
        json.put("matrix", run.matrix().stream().map(c -> {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("scenario", c.scenario());
            cell.put("round", c.round());
            cell.put("seed", c.seed());
            return cell;
        }).toList());
        return json;
    }

    private static Map<String, Object> scenario(CaseResult caseResult) {
        ScenarioResult result = caseResult.result();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", result.name());
        json.put("round", caseResult.gateCase().round());
        json.put("seed", result.seed());
        json.put("verdict", result.verdict());
        json.put("passed", result.passed());
        json.put("skipped", result.skipped());
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
        json.put("samples", result.timeline().samples().stream().map(ResultsJson::sample).toList());
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

    private static Map<String, Object> sample(Timeline.Sample sample) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ms", sample.millis());
        json.put("client", sample.client());
        json.put("received", sample.received());
        return json;
    }
}
