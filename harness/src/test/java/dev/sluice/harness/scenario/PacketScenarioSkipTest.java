package dev.sluice.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.harness.gate.Gate;
import dev.sluice.harness.packet.PacketNetwork;
import dev.sluice.harness.report.JunitXml;
import dev.sluice.harness.report.SummaryTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where packet faults cannot run, their scenarios say so: SKIPPED with the reason, never PASS. */
class PacketScenarioSkipTest {
    @TempDir
    Path dir;

    @AfterEach
    void switchBackOn() {
        System.clearProperty(PacketNetwork.SWITCH_PROPERTY);
    }

    @Test
    void aPacketScenarioThatCannotRunIsSkippedWithItsReason() {
        System.setProperty(PacketNetwork.SWITCH_PROPERTY, "off");
        ScenarioRunner runner = new ScenarioRunner(ScenarioSettings.defaults(dir, new TcpNodeFactory()),
                new PrintStream(PrintStream.nullOutputStream()));

        ScenarioResult result = runner.run(Scenarios.named("packet_loss_5").orElseThrow(), 1);

        assertThat(result.isSkipped()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.failed()).isFalse();
        assertThat(result.verdict()).isEqualTo("SKIP");
        assertThat(result.skipped()).contains("switched off");
        assertThat(JunitXml.render("s", List.of(result))).contains("<skipped message=\"packet faults switched off")
                .contains("skipped=\"1\"");
        assertThat(SummaryTable.render(List.of(result))).contains("SKIP").contains("1 skipped");
        assertThat(Gate.allPassed(List.of(result))).as("nothing ran, nothing passed").isFalse();
    }

    @Test
    void thePacketScenariosAreInTheCatalogueAndTheQuickSet() {
        assertThat(Scenarios.quick()).extracting(Scenario::name)
                .contains("packet_loss_5", "packet_loss_30", "packet_loss_100");
        assertThat(Scenarios.named("packet_duplicate_10")).isPresent();
    }
}
