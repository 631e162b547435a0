package dev.sluice.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.harness.gate.Gate;
import dev.sluice.harness.gate.GateOptions;
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
    void anUnknownScenarioNameIsRefusedWithTheKnownOnes() {
        Gate gate = new Gate(new GateOptions(false, 1, 1, dir, List.of("nope")),
                ScenarioSettings.defaults(dir, new TcpNodeFactory()), System.out);

        assertThatThrownBy(gate::selected).hasMessageContaining("nope").hasMessageContaining("baseline");
    }

    @Test
    void theCatalogueHasEveryScenarioOnceAndAQuickSet() {
        assertThat(Scenarios.names()).doesNotHaveDuplicates().hasSize(21);
        assertThat(Scenarios.quick()).extracting(Scenario::name).contains("baseline", "black_hole",
                "server_kill", "reset_peer", "rpc_latency", "rpc_reset_peer", "rpc_black_hole", "rpc_server_kill");
    }
}
