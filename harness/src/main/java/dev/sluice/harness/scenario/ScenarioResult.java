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
 */
public record ScenarioResult(String name, long seed, List<Check> checks, Map<String, Long> figures, double seconds,
        Timeline timeline, Path outputDirectory, String error) {

    public boolean passed() {
        return error == null && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** The first failed expectation or the error, for summaries. */
    public String firstFailure() {
        if (error != null) {
            return error;
        }
        return checks.stream().filter(c -> !c.passed()).findFirst().map(c -> c.name() + ": " + c.detail())
                .orElse(checks.isEmpty() ? "no expectation was checked" : "");
    }
}
