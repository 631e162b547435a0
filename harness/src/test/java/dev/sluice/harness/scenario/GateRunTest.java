package dev.sluice.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.harness.gate.Gate;
import dev.sluice.harness.gate.GateCase;
import dev.sluice.harness.gate.GateMerge;
import dev.sluice.harness.gate.GateOptions;
import dev.sluice.harness.gate.Shard;
import dev.sluice.harness.report.ResultsJsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateRunTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryReportAndPrintsTheSummaryAndPath() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Gate gate = new Gate(new GateOptions(true, 1, 99, dir, List.of("baseline")),
                ScenarioSettings.defaults(dir, new TcpNodeFactory()),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        List<ScenarioResult> results = gate.run();

        assertThat(Gate.allPassed(results)).as(results.get(0).firstFailure()).isTrue();
        assertThat(dir.resolve("results.json")).exists();
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("baseline [seed ");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg").contains("<polyline");
        assertThat(dir.resolve("baseline").resolve("server.stdout.log")).exists();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("base seed 99")
                .contains("1 scenario runs, 1 passed, 0 failed").contains("report: ");
    }

    @Test
    void twoShardsRunHalfTheMatrixEachAndMergeIntoTheUnshardedSetOfCases() throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        List<Path> shards = new java.util.ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path out = dir.resolve("shard-" + k);
            Gate gate = new Gate(new GateOptions(false, 2, 5, out, List.of("baseline"),
                    new Shard(k, 2)), ScenarioSettings.defaults(out, new TcpNodeFactory()),
                    new PrintStream(java.io.OutputStream.nullOutputStream()));
            List<ScenarioResult> results = gate.run();
            assertThat(results).as("shard %d/2 runs half of the 1 x 2 matrix", k).hasSize(1);
            shards.add(out);
        }
        Gate whole = new Gate(new GateOptions(false, 2, 5, dir.resolve("whole"), List.of("baseline")),
                ScenarioSettings.defaults(dir.resolve("whole"), new TcpNodeFactory()), System.out);
        for (GateCase c : whole.plan().matrix()) {
            keys.add(c.key() + " " + c.seed());
        }

        GateMerge.Outcome merged = GateMerge.merge(dir.resolve("merged"), shards,
                new PrintStream(java.io.OutputStream.nullOutputStream()));

        assertThat(merged.complete()).isTrue();
        assertThat(merged.passed()).as(merged.results().toString()).isTrue();
        assertThat(ResultsJsonReader.read(dir.resolve("merged").resolve("results.json")).results())
                .extracting(r -> r.gateCase().key() + " " + r.gateCase().seed())
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(dir.resolve("merged").resolve("seed-1").resolve("baseline").resolve("server.stdout.log"))
                .exists();
    }

    @Test
    void anUnknownScenarioNameIsRefusedWithTheKnownOnes() {
        Gate gate = new Gate(new GateOptions(false, 1, 1, dir, List.of("nope")),
                ScenarioSettings.defaults(dir, new TcpNodeFactory()), System.out);

        assertThatThrownBy(gate::selected).hasMessageContaining("nope").hasMessageContaining("baseline");
    }

    @Test
    void theCatalogueHasEveryScenarioOnceAndAQuickSet() {
        assertThat(Scenarios.names()).doesNotHaveDuplicates().hasSize(25);
        assertThat(Scenarios.quick()).extracting(Scenario::name).contains("baseline", "black_hole",
                "server_kill", "reset_peer", "packet_loss_5", "packet_loss_30", "packet_loss_100", "rpc_latency",
                "rpc_reset_peer", "rpc_black_hole", "rpc_server_kill");
    }
}
