package dev.sluice.harness.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The verdict of one scenario run.
 *
 * @param name the scenario
 * @param seed the seed every random choice came from
 * @param checks every expectation, passed or not
 * @param figures measured numbers worth reporting (detection times in ms, bytes in flight, ...)
 * @param seconds how long the scenario took
 * @param timeline faults, detections and bytes over time
 * @param outputDirectory where the nodes' output was captured
 * @param error the exception that stopped the scenario, or null
 * @param skipped why the scenario could not run here (e.g. no network namespaces), or null; a
 *     skipped scenario neither passes nor fails
 */
public record ScenarioResult(String name, long seed, List<Check> checks, Map<String, Long> figures, double seconds,
        Timeline timeline, Path outputDirectory, String error, String skipped) {

    public ScenarioResult(String name, long seed, List<Check> checks, Map<String, Long> figures, double seconds,
            Timeline timeline, Path outputDirectory, String error) {
        this(name, seed, checks, figures, seconds, timeline, outputDirectory, error, null);
    }

    /** A scenario that could not run here, with the reason; it is reported SKIPPED, never PASS. */
    public static ScenarioResult skipped(String name, long seed, Path outputDirectory, String reason) {
        return new ScenarioResult(name, seed, List.of(), Map.of(), 0, new Timeline(0), outputDirectory, null, reason);
    }

    public boolean isSkipped() {
        return skipped != null;
    }

    public boolean passed() {
        return skipped == null && error == null && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** Failed: ran (not skipped) and did not pass. */
    public boolean failed() {
        return skipped == null && !passed();
    }

    /** PASS, FAIL or SKIP, for summaries. */
    public String verdict() {
        return skipped != null ? "SKIP" : passed() ? "PASS" : "FAIL";
    }

    /** The first failed expectation or the error, for summaries. */
    public String firstFailure() {
        if (skipped != null) {
            return "skipped: " + skipped;
        }
        if (error != null) {
            return error;
        }
        return checks.stream().filter(c -> !c.passed()).findFirst().map(c -> c.name() + ": " + c.detail())
                .orElse(checks.isEmpty() ? "no expectation was checked" : "");
    }
}
