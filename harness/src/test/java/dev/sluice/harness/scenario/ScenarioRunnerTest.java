package dev.sluice.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario machinery (nodes, proxy, nemesis, checker) end to end over plain-TCP stand-in nodes. */
class ScenarioRunnerTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void baselinePassesAndReportsTheSeed() {
        ScenarioResult result = run("baseline", 11);

        assertThat(result.passed()).as(result.firstFailure()).isTrue();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("scenario baseline (seed 11)");
        assertThat(result.timeline().samples()).isNotEmpty();
    }

    @Test
    void clientKillIsReleasedByTheServerAndTimed() {
        ScenarioResult result = run("client_kill", 12);

        assertThat(result.passed()).as(result.firstFailure() + "\n" + result.checks()).isTrue();
        assertThat(result.figures()).containsKey("server released the killed client's connection (ms)");
        assertThat(result.timeline().marks()).anyMatch(m -> m.kind() == Timeline.Kind.FAULT_START
                && m.label().equals("client SIGKILL"));
        assertThat(result.timeline().marks()).anyMatch(m -> m.kind() == Timeline.Kind.DETECTION);
    }

    @Test
    void aKilledServerThatLooksLikeACleanEndIsCaughtAsMissingBytes() {
        // Plain TCP through a proxy turns a killed server into a clean end of stream: exactly the
        // "success with bytes missing" that the checker must refuse.
        ScenarioResult result = run("server_kill", 14);

        assertThat(result.passed()).isFalse();
        assertThat(result.firstFailure()).contains("TRUNCATED");
    }

    @Test
    void aBlackHoleThatNothingDetectsFailsTheScenario() {
        // Plain TCP has no keep-alive: the workload hangs until its deadline, which must fail loudly.
        ScenarioSettings settings = settings();
        settings = new ScenarioSettings(settings.keepAliveInterval(), settings.keepAliveTimeout(),
                settings.detectionMargin(), settings.startupTimeout(), java.time.Duration.ofSeconds(3),
                settings.outputDirectory(), settings.nodes(), null, null);
        ScenarioResult result = new ScenarioRunner(settings, new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(Scenarios.named("black_hole").orElseThrow(), 13);

        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).anyMatch(c -> !c.passed() && c.name().contains("no stream hung"));
    }

    private ScenarioResult run(String name, long seed) {
        return new ScenarioRunner(settings(), new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(Scenarios.named(name).orElseThrow(), seed);
    }

    private ScenarioSettings settings() {
        return ScenarioSettings.defaults(dir, new TcpNodeFactory());
    }
}
