package dev.sluice.bench.ab;

import java.util.List;
import java.util.Map;

/**
 * Everything one comparison found, as written to {@code comparison.json}: who was compared, how,
 * on what machine state, every figure with its ratio, interval and verdict, and notes.
 *
 * @param loadAverages the 1-minute load average as each scenario started, and at the end
 * @param outcome      "no regression", "regression" or "failed"
 */
public record AbReport(int schema, String startedAt, String finishedAt, double wallSeconds, Side baseline,
                       Side candidate, Map<String, Object> plan, Map<String, Object> environment,
                       Map<String, Double> loadAverages, String method, List<AbFigure> figures, List<String> notes,
                       String outcome) {
    public static final int SCHEMA = 2;
    public static final String METHOD = "Hodges-Lehmann estimate and Wilcoxon signed-rank 95% interval of the "
            + "per-round log ratio candidate/baseline over the rounds of all forks (fresh JVM pairs), rounds paired "
            + "and interleaved (the side that goes first alternates); regression/improvement only when the whole "
            + "interval lies beyond the threshold and every fork's own ratio does too";

    public long count(AbVerdict verdict) {
        return figures.stream().filter(f -> f.verdictValue() == verdict).count();
    }
}
