package dev.sluice.harness.report;

import dev.sluice.harness.scenario.ScenarioResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The console summary: one row per scenario run. */
public final class SummaryTable {
    private static final int FAILURE_WIDTH = 90;

    private SummaryTable() {
    }

    public static String render(List<ScenarioResult> results) {
        int nameWidth = Math.max(8, results.stream().mapToInt(r -> r.name().length()).max().orElse(8));
        StringBuilder table = new StringBuilder();
        String format = "%-" + nameWidth + "s  %-4s  %20s  %7s  %s%n";
        table.append(String.format(Locale.ROOT, format, "scenario", "", "seed", "seconds", "figures / first failure"));
        for (ScenarioResult result : results) {
            String note = result.passed() ? figures(result) : clip(result.firstFailure());
            table.append(String.format(Locale.ROOT, format, result.name(), result.verdict(),
                    result.seed(), String.format(Locale.ROOT, "%.1f", result.seconds()), note));
        }
        long failed = results.stream().filter(ScenarioResult::failed).count();
        long skipped = results.stream().filter(ScenarioResult::isSkipped).count();
        table.append(String.format(Locale.ROOT, "%d scenario runs, %d passed, %d failed%s%n", results.size(),
                results.size() - failed - skipped, failed, skipped == 0 ? "" : ", " + skipped + " skipped"));
        return table.toString();
    }

    private static String figures(ScenarioResult result) {
        return clip(result.figures().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
    }

    private static String clip(String text) {
        return text.length() <= FAILURE_WIDTH ? text : text.substring(0, FAILURE_WIDTH - 3) + "...";
    }
}
