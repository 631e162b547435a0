package dev.sluice.bench.ab;

import dev.sluice.bench.report.Better;
import dev.sluice.bench.report.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * One judged figure: the candidate/baseline ratio of one metric of one target in one scenario,
 * its 95% interval, and the verdict against its threshold.
 *
 * @param halfWidth  half the interval's width: the smallest change this figure resolves
 * @param confidence the interval's exact coverage (0 when too few rounds had values)
 * @param pairs      rounds with a value on both sides
 */
public record AbFigure(String id, String scenario, String target, String metric, String unit, Better better,
                       double ratio, double ciLow, double ciHigh, double halfWidth, double confidence, int pairs,
                       double threshold, String verdict, double baselineMedian, double candidateMedian,
                       List<Double> baselineValues, List<Double> candidateValues) {

    static AbFigure judge(String scenario, String target, AbMetric metric, List<Double> baseline,
                          List<Double> candidate, double threshold) {
        PairedRatio ratio = PairedRatio.of(baseline, candidate, PairedRatio.DEFAULT_CONFIDENCE);
        AbVerdict verdict = AbVerdict.judge(ratio, metric.better(), threshold);
        String id = scenario + "." + target + "." + metric.name();
        return new AbFigure(id, scenario, target, metric.name(), metric.unit(), metric.better(), ratio.ratio(),
                ratio.ciLow(), ratio.ciHigh(), ratio.halfWidth(), ratio.confidence(), ratio.pairs(), threshold,
                verdict.word(), Stats.median(finite(baseline)), Stats.median(finite(candidate)), baseline, candidate);
    }

    public AbVerdict verdictValue() {
        return AbVerdict.valueOf(verdict.toUpperCase(java.util.Locale.ROOT));
    }

    private static List<Double> finite(List<Double> values) {
        List<Double> out = new ArrayList<>();
        values.forEach(v -> {
            if (v != null && Double.isFinite(v)) {
                out.add(v);
            }
        });
        return out;
    }
}
