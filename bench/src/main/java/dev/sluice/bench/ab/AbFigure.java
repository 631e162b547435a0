package dev.sluice.bench.ab;

import dev.sluice.bench.report.Better;
import dev.sluice.bench.report.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * One judged figure: the candidate/baseline ratio of one metric of one target in one scenario,
 * its 95% interval over the rounds of all forks, each fork's own ratio, and the verdict against
 * its threshold.
 *
 * @param halfWidth     half the interval's width: the smallest change this figure resolves
 * @param confidence    the interval's exact coverage (0 when too few rounds had values)
 * @param pairs         rounds with a value on both sides, over all forks
 * @param forkRatios    per fork (fresh JVM pair per side), the Hodges-Lehmann ratio of its rounds alone
 * @param forksDisagree the interval alone lay beyond the threshold, but some fork's own ratio did
 *                      not: the verdict is {@code inconclusive}, since one JVM pair can't flag alone
 */
public record AbFigure(String id, String scenario, String target, String metric, String unit, Better better,
                       double ratio, double ciLow, double ciHigh, double halfWidth, double confidence, int pairs,
                       List<Double> forkRatios, boolean forksDisagree, double threshold, String verdict,
                       double baselineMedian, double candidateMedian, List<Double> baselineValues,
                       List<Double> candidateValues) {

    /**
     * Judges one figure from per-fork, per-round values ({@code baseline.get(f).get(i)} pairs with
     * {@code candidate.get(f).get(i)}): the interval pools every fork's rounds; a regression or
     * improvement stands only when every fork's own ratio lies beyond the threshold on that side.
     */
    static AbFigure judge(String scenario, String target, AbMetric metric, List<List<Double>> baseline,
                          List<List<Double>> candidate, double threshold) {
        if (baseline.size() != candidate.size()) {
            throw new IllegalArgumentException("forks differ in number: " + baseline.size() + " baseline, "
                    + candidate.size() + " candidate");
        }
        List<Double> pooledBaseline = new ArrayList<>();
        List<Double> pooledCandidate = new ArrayList<>();
        List<Double> forkRatios = new ArrayList<>();
        for (int fork = 0; fork < baseline.size(); fork++) {
            pooledBaseline.addAll(baseline.get(fork));
            pooledCandidate.addAll(candidate.get(fork));
            forkRatios.add(PairedRatio.of(baseline.get(fork), candidate.get(fork), PairedRatio.DEFAULT_CONFIDENCE)
                    .ratio());
        }
        PairedRatio ratio = PairedRatio.of(pooledBaseline, pooledCandidate, PairedRatio.DEFAULT_CONFIDENCE);
        AbVerdict pooled = AbVerdict.judge(ratio, metric.better(), threshold);
        boolean flagged = pooled == AbVerdict.REGRESSION || pooled == AbVerdict.IMPROVEMENT;
        boolean disagree = flagged && forkRatios.size() > 1
                && !forkRatios.stream().allMatch(r -> pooled.seenIn(r, metric.better(), threshold));
        AbVerdict verdict = disagree ? AbVerdict.INCONCLUSIVE : pooled;
        String id = scenario + "." + target + "." + metric.name();
        return new AbFigure(id, scenario, target, metric.name(), metric.unit(), metric.better(), ratio.ratio(),
                ratio.ciLow(), ratio.ciHigh(), ratio.halfWidth(), ratio.confidence(), ratio.pairs(),
                List.copyOf(forkRatios), disagree, threshold, verdict.word(), Stats.median(finite(pooledBaseline)),
                Stats.median(finite(pooledCandidate)), pooledBaseline, pooledCandidate);
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
