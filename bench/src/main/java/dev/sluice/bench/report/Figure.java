package dev.sluice.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured quantity of one target: its value in each round, and (when it has a control) its
 * ratio to the control measured in the same round. Regressions are judged on the ratios only.
 *
 * @param id          "scenario.target.metric", stable across runs (the comparison key)
 * @param ratioNoise  half the range of the per-round ratios relative to their median
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(String id, String scenario, String target, String metric, String unit, Better better,
                     List<Double> values, double median, String control, List<Double> ratios, Double ratioMedian,
                     Double ratioNoise, String goal, Boolean goalMet) {

    /** A figure without a control. */
    public static Figure uncontrolled(String scenario, String target, String metric, String unit, Better better,
                                      List<Double> values) {
        return new Figure(id(scenario, target, metric), scenario, target, metric, unit, better, values,
                Stats.median(values), null, null, null, null, null, null);
    }

    /**
     * A figure with per-round ratios to {@code control}: {@code paired} and {@code pairedControl} hold
     * the values of the rounds both were measured in, index by index.
     */
    public static Figure controlled(String scenario, String target, String metric, String unit, Better better,
                                    List<Double> values, String control, List<Double> paired,
                                    List<Double> pairedControl, Goal goal) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(paired.size(), pairedControl.size()); i++) {
            double c = pairedControl.get(i);
            if (c != 0 && Double.isFinite(c) && Double.isFinite(paired.get(i))) {
                ratios.add(paired.get(i) / c);
            }
        }
        Double ratioMedian = ratios.isEmpty() ? null : Stats.median(ratios);
        Boolean met = goal == null || ratioMedian == null ? null : goal.met(ratioMedian);
        return new Figure(id(scenario, target, metric), scenario, target, metric, unit, better, values,
                Stats.median(values), control, ratios, ratioMedian,
                ratios.isEmpty() ? null : Stats.relativeHalfRange(ratios), goal == null ? null : goal.toString(), met);
    }

    public static String id(String scenario, String target, String metric) {
        return scenario + "." + target + "." + metric;
    }
}
