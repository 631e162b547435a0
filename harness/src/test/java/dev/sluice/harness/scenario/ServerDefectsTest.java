package dev.sluice.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every deliberate server defect makes the quick-set scenario aimed at it fail, saying why. */
class ServerDefectsTest {
    /** Short, so that a defect that hangs streams is caught quickly. */
    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(12);
    /**
     * For the defects that are not about keep-alive: a JVM starved of CPU on a loaded machine can miss
     * the default 1.5 s, and the connection then dies of a keep-alive timeout before the defect's own
     * evidence shows, which is a different failure from the one this test expects.
     */
    private static final Duration STARVATION_PROOF_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(4);
    private static final String KEEP_ALIVE_DEFECT = "no_pong";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource(delimiter = ';', value = {
        "drop_data_frame; baseline; no stream delivered wrong, missing, repeated or reordered bytes",
        "corrupt_byte; baseline; no stream delivered wrong, missing, repeated or reordered bytes",
        "no_fin; baseline; hung",
        "no_pong; baseline; keep-alive timeout",
        "ignore_credit; slow_reader; every stream delivered intact",
        "leak_stream_on_reset; stream_abort; server holds no connection or stream",
    })
    void theGateCatchesTheDefect(String defect, String scenario, String evidence) {
        assertThat(Scenarios.named(scenario).orElseThrow().quick()).isTrue();
        ScenarioSettings defaults = ScenarioSettings.defaults(dir, new SluiceNodeFactory());
        Duration keepAliveTimeout = defect.equals(KEEP_ALIVE_DEFECT) ? defaults.keepAliveTimeout()
                : STARVATION_PROOF_KEEP_ALIVE_TIMEOUT;
        ScenarioSettings settings = new ScenarioSettings(defaults.keepAliveInterval(), keepAliveTimeout,
                defaults.detectionMargin(), defaults.startupTimeout(), CLIENT_DEADLINE, dir, defaults.nodes(), defect,
                null);

        ScenarioResult result = new ScenarioRunner(settings, new PrintStream(System.out, true, StandardCharsets.UTF_8))
                .run(Scenarios.named(scenario).orElseThrow(), 31);

        assertThat(result.passed()).as("scenario %s with defect %s", scenario, defect).isFalse();
        assertThat(result.firstFailure()).contains(evidence);
    }
}
