package dev.sluice.bench.report;

import java.util.List;

/** Small statistics over the few repeats a shared machine allows. */
public final class Stats {
    private Stats() {
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The noise band of repeated measurements: half their range, relative to their median
     * (0.05 means the repeats sat within ±5 % of the median). 0 for fewer than two values.
     */
    public static double relativeHalfRange(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double median = median(values);
        return median == 0 ? 0 : (max - min) / 2 / Math.abs(median);
    }
}
