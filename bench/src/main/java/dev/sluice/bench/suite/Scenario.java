package dev.sluice.bench.suite;

import dev.sluice.bench.load.LoadSpec;
import java.util.List;

/**
 * One load shape taken against every target in turn. {@code spec}'s timings are placeholders:
 * the plan's warm-up and measurement times replace them.
 */
public record Scenario(String id, String title, LoadSpec.Mode mode, int connections, int inflight,
                       double ratePerSecond, int messageBytes, List<String> headlineMetrics) {
    public List<String> loadArguments() {
        return List.of(
                "--mode", mode.name().toLowerCase(java.util.Locale.ROOT),
                "--connections", String.valueOf(connections),
                "--inflight", String.valueOf(inflight),
                "--rate", String.valueOf(ratePerSecond),
                "--size", String.valueOf(messageBytes));
    }
}
