package dev.sluice.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.harness.report.ResultsJsonReader;
import dev.sluice.harness.scenario.Check;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging shard outputs written exactly as the gate writes them, without running scenarios. */
class GateMergeTest {
    private static final List<String> SCENARIOS = List.of("baseline", "black_hole", "latency", "slicer", "reset_peer");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private static List<GateCase> matrix(long baseSeed, int seeds) {
        List<GateCase> matrix = new ArrayList<>();
        for (int round = 0; round < seeds; round++) {
            for (int i = 0; i < SCENARIOS.size(); i++) {
                matrix.add(new GateCase(SCENARIOS.get(i), round, Gate.scenarioSeed(baseSeed, round, i)));
            }
        }
        return matrix;
    }

    /** Writes shard K/N of a run as the gate would, with one node log per case; returns its directory. */
    private Path shard(String name, long baseSeed, int seeds, Shard shard, boolean failOne) throws Exception {
        Path out = dir.resolve(name);
        GateRun run = new GateRun(baseSeed, seeds, null, matrix(baseSeed, seeds), shard);
        List<CaseResult> results = new ArrayList<>();
        for (GateCase c : run.cases()) {
            Path nodes = Gate.caseParent(out, seeds, c.round()).resolve(c.scenario());
            Files.createDirectories(nodes);
            Files.writeString(nodes.resolve("server.stdout.log"), c.key());
            Timeline timeline = Timeline.restored(List.of(new Timeline.Mark(10, Timeline.Kind.FAULT_START, "fault")),
                    List.of(new Timeline.Sample(20, "client-1", new long[] {1, 2})));
            boolean passed = !(failOne && c.scenario().equals("latency"));
            results.add(new CaseResult(c, new ScenarioResult(c.scenario(), c.seed(), List.of(new Check("holds",
                    passed, "detail")), Map.of("figure (ms)", 42L), 1.5, timeline, nodes, null)));
        }
        Files.createDirectories(out);
        Gate.write(out, run, results, null);
        return out;
    }

    private PrintStream console() {
        return new PrintStream(console, true, StandardCharsets.UTF_8);
    }

    @Test
    void fourShardsMergeIntoTheWholeMatrixWithTheirNodeOutput() throws Exception {
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            shards.add(shard("shard-" + k, 7, 4, new Shard(k, 4), false));
        }
        Path merged = dir.resolve("merged");

        GateMerge.Outcome outcome = GateMerge.merge(merged, shards, console());

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.passed()).isTrue();
        ResultsJsonReader.Contents contents = ResultsJsonReader.read(merged.resolve("results.json"));
        assertThat(contents.results()).extracting(r -> r.gateCase().key())
                .containsExactlyElementsOf(matrix(7, 4).stream().map(GateCase::key).toList());
        assertThat(contents.run().shard()).isEqualTo(Shard.WHOLE);
        assertThat(contents.results().get(0).result().timeline().samples()).hasSize(1);
        assertThat(Files.readString(merged.resolve("junit.xml"))).contains("tests=\"20\"").contains("failures=\"0\"");
        assertThat(Files.readString(merged.resolve("report.html"))).contains("20 scenario runs").contains("<polyline");
        assertThat(Files.readString(merged.resolve("seed-3").resolve("slicer").resolve("server.stdout.log")))
                .isEqualTo("slicer#3");
    }

    @Test
    void aMissingShardIsReportedCaseByCaseAndFailsTheMerge() throws Exception {
        List<Path> shards = List.of(shard("s1", 7, 2, new Shard(1, 3), false), shard("s3", 7, 2, new Shard(3, 3),
                false));

        GateMerge.Outcome outcome = GateMerge.merge(dir.resolve("merged"), shards, console());

        List<GateCase> expectedMissing = new Shard(2, 3).select(matrix(7, 2));
        assertThat(outcome.missing()).hasSize(expectedMissing.size()).allMatch(m -> m.contains("shard 2/3"));
        assertThat(outcome.passed()).isFalse();
        assertThat(Files.readString(dir.resolve("merged").resolve("junit.xml")))
                .contains("failures=\"" + expectedMissing.size() + "\"").contains("no shard reported this case");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("MISSING: ");
    }

    @Test
    void aShardGivenTwiceIsReportedAsDuplicated() throws Exception {
        Path one = shard("s1", 7, 1, new Shard(1, 2), false);
        Path two = shard("s2", 7, 1, new Shard(2, 2), false);

        GateMerge.Outcome outcome = GateMerge.merge(dir.resolve("merged"), List.of(one, two, one), console());

        assertThat(outcome.missing()).isEmpty();
        assertThat(outcome.duplicated()).anyMatch(d -> d.contains("shard 1/2 given twice"))
                .anyMatch(d -> d.contains("reported by both"));
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void aFailedCaseInOneShardFailsTheMergedReport() throws Exception {
        GateMerge.Outcome outcome = GateMerge.merge(dir.resolve("merged"), List.of(
                shard("s1", 7, 1, new Shard(1, 2), true), shard("s2", 7, 1, new Shard(2, 2), true)), console());

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void shardsOfDifferentRunsAreRefused() throws Exception {
        Path a = shard("a", 7, 2, new Shard(1, 2), false);

        assertThatThrownBy(() -> GateMerge.merge(dir.resolve("m1"), List.of(a, shard("b", 8, 2, new Shard(2, 2),
                false)), console())).isInstanceOf(GateMerge.Refused.class).hasMessageContaining("base seed 8 vs 7");
        assertThatThrownBy(() -> GateMerge.merge(dir.resolve("m2"), List.of(a, shard("c", 7, 3, new Shard(2, 2),
                false)), console())).hasMessageContaining("--seeds 3 vs 2");
        assertThatThrownBy(() -> GateMerge.merge(dir.resolve("m3"), List.of(a, shard("d", 7, 2, new Shard(2, 3),
                false)), console())).hasMessageContaining("split into 3 shards vs 2");
        assertThatThrownBy(() -> GateMerge.merge(dir.resolve("m4"), List.of(a, dir.resolve("nowhere")), console()))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> GateMerge.merge(a, List.of(a), console())).hasMessageContaining("merge into a new one");
    }
}
