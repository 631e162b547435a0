package dev.sluice.bench.ab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The candidate/baseline ratio of one figure from paired rounds, with a distribution-free
 * confidence interval: the Hodges-Lehmann estimate (median of the Walsh averages) of the
 * per-round log ratios and the Wilcoxon signed-rank interval around it, transformed back to a
 * ratio. Rank-based, so one round disturbed by another job moves the interval by one rank at
 * most; exact for any symmetric distribution of the per-round log ratio; deterministic.
 *
 * @param ratio      exp(Hodges-Lehmann estimate of the median log ratio)
 * @param ciLow      lower bound of the interval
 * @param ciHigh     upper bound of the interval
 * @param pairs      rounds that had a valid value on both sides
 * @param confidence the interval's actual coverage (>= the level asked for), or 0 when the
 *                   rounds were too few for an interval at that level
 */
public record PairedRatio(double ratio, double ciLow, double ciHigh, int pairs, double confidence) {
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** True when the rounds sufficed for an interval at the level asked for. */
    public boolean hasInterval() {
        return confidence > 0;
    }

    /** Half the interval's width, relative to 1.0x: the smallest change this figure resolves. */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    /**
     * Estimates from per-round values taken seconds apart: {@code baseline.get(i)} pairs with
     * {@code candidate.get(i)}. Rounds where either value is missing, zero, negative or not finite
     * are dropped.
     */
    public static PairedRatio of(List<Double> baseline, List<Double> candidate, double level) {
        if (baseline.size() != candidate.size()) {
            throw new IllegalArgumentException("paired rounds differ in number: " + baseline.size() + " baseline, "
                    + candidate.size() + " candidate");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be within (0, 1), not " + level);
        }
        List<Double> logs = new ArrayList<>();
        for (int i = 0; i < baseline.size(); i++) {
            Double b = baseline.get(i);
            Double c = candidate.get(i);
            if (b != null && c != null && b > 0 && c > 0 && Double.isFinite(b) && Double.isFinite(c)) {
                logs.add(Math.log(c / b));
            }
        }
        int n = Math.min(logs.size(), SignedRank.MAX_PAIRS);
        if (n == 0) {
            return new PairedRatio(Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        double[] walsh = walshAverages(logs.subList(0, n));
        double estimate = median(walsh);
        int k = SignedRank.criticalRank(n, 1 - level);
        if (k == 0) {
            return new PairedRatio(Math.exp(estimate), Math.exp(walsh[0]), Math.exp(walsh[walsh.length - 1]), n, 0);
        }
        double coverage = 1 - 2 * SignedRank.cdf(n, k - 1);
        return new PairedRatio(Math.exp(estimate), Math.exp(walsh[k - 1]), Math.exp(walsh[walsh.length - k]), n,
                coverage);
    }

    /** All (d_i + d_j) / 2 for i <= j, sorted. */
    static double[] walshAverages(List<Double> d) {
        int n = d.size();
        double[] out = new double[n * (n + 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                out[at++] = (d.get(i) + d.get(j)) / 2;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
