package dev.sluice.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.harness.gate.CaseResult;
import dev.sluice.harness.gate.GateCase;
import dev.sluice.harness.gate.GateRun;
import dev.sluice.harness.gate.Shard;
import dev.sluice.harness.scenario.Check;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a results.json written by {@link ResultsJson} back into the run and its results. */
public final class ResultsJsonReader {
    /** A results.json read back: the run it belongs to and the cases it holds. */
    public record Contents(GateRun run, String digest, List<CaseResult> results) {
    }

    private ResultsJsonReader() {
    }

    /** Reads {@code file}; a file that is missing, unreadable or of another format is refused with the reason. */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist: not the output directory of a gate run");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root.path("format").asInt() != ResultsJson.FORMAT || !root.has("run")) {
            throw new IOException(file + " is of results format " + root.path("format").asInt(1) + "; this merge reads"
                    + " format " + ResultsJson.FORMAT + " (rerun the shards with this version)");
        }
        JsonNode run = root.get("run");
        List<GateCase> matrix = new ArrayList<>();
        for (JsonNode cell : run.path("matrix")) {
            matrix.add(new GateCase(cell.path("scenario").asText(), cell.path("round").asInt(),
                    cell.path("seed").asLong()));
        }
        GateRun gateRun = new GateRun(run.path("baseSeed").asLong(), run.path("seeds").asInt(),
                run.path("serverDefect").isNull() ? null : run.path("serverDefect").asText(null), matrix,
                Shard.parse(run.path("shard").asText("1/1")));
        List<CaseResult> results = new ArrayList<>();
        for (JsonNode scenario : root.path("scenarios")) {
            ScenarioResult result = scenario(scenario);
            results.add(new CaseResult(new GateCase(result.name(), scenario.path("round").asInt(), result.seed()),
                    result));
        }
        return new Contents(gateRun, run.path("digest").asText(), results);
    }

    private static ScenarioResult scenario(JsonNode json) {
        List<Check> checks = new ArrayList<>();
        for (JsonNode check : json.path("checks")) {
            checks.add(new Check(check.path("name").asText(), check.path("passed").asBoolean(),
                    check.path("detail").asText("")));
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        json.path("figures").fields().forEachRemaining(e -> figures.put(e.getKey(), e.getValue().asLong()));
        List<Timeline.Mark> marks = new ArrayList<>();
        for (JsonNode mark : json.path("marks")) {
            marks.add(new Timeline.Mark(mark.path("ms").asLong(), Timeline.Kind.valueOf(mark.path("kind").asText()),
                    mark.path("label").asText()));
        }
        List<Timeline.Sample> samples = new ArrayList<>();
        for (JsonNode sample : json.path("samples")) {
            long[] received = new long[sample.path("received").size()];
            for (int i = 0; i < received.length; i++) {
                received[i] = sample.path("received").get(i).asLong();
            }
            samples.add(new Timeline.Sample(sample.path("ms").asLong(), sample.path("client").asText(), received));
        }
        return new ScenarioResult(json.path("name").asText(), json.path("seed").asLong(), checks, figures,
                json.path("seconds").asDouble(), Timeline.restored(marks, samples), Path.of(json.path("output")
                        .asText("")), text(json, "error"), text(json, "skipped"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
