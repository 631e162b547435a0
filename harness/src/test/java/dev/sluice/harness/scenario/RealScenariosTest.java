package dev.sluice.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few scenarios end to end with the real server and client JVMs, TLS and streams, through the proxy. */
class RealScenariosTest {
    @TempDir
    Path dir;

    @Test
    void baselineDeliversEveryStream() {
        ScenarioResult result = run("baseline", 21);

        assertThat(result.passed()).as(result.firstFailure()).isTrue();
    }

    @Test
    void aBlackHoleIsDetectedByBothSidesWithinTheKeepAliveBound() {
        ScenarioResult result = run("black_hole", 22);

        assertThat(result.passed()).as(result.firstFailure()).isTrue();
        long bound = ScenarioSettings.DEFAULT_KEEP_ALIVE_INTERVAL.plus(ScenarioSettings.DEFAULT_KEEP_ALIVE_TIMEOUT)
                .plus(ScenarioSettings.DEFAULT_DETECTION_MARGIN).toMillis();
        assertThat(result.figures().get("client-1 last failure after fault (ms)")).isLessThanOrEqualTo(bound);
        assertThat(result.figures()).containsKey("server detected the dead peer (ms)");
    }

    private ScenarioResult run(String name, long seed) {
        return new ScenarioRunner(ScenarioSettings.defaults(dir, new SluiceNodeFactory()),
                new PrintStream(System.out, true, StandardCharsets.UTF_8))
                .run(Scenarios.named(name).orElseThrow(), seed);
    }
}
