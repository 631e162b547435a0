package dev.sluice.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a run with a baseline on ratios to control only (absolute figures on a shared machine
 * swing too much to judge). A ratio that moved for the worse by more than the noise of both runs
 * (the half-range of their per-round ratios, added) is a regression; the tolerance never drops
 * below {@link #MIN_TOLERANCE}. Only {@link FigureBuilder#GATED} figures can be flagged.
 */
public final class Comparison {
    /** Smallest relative change ever flagged, however quiet the rounds looked. */
    public static final double MIN_TOLERANCE = 0.05;

    /** One figure in both runs. Ratios and tolerance are null/NaN when the figure has no control. */
    public record Row(String id, String scenario, String target, String metric, Better better,
                      Double baselineRatio, Double baselineNoise, Double currentRatio, Double currentNoise,
                      double change, double tolerance, Verdict verdict, String goal, Boolean goalMet,
                      double baselineMedian, double currentMedian, String unit) {
    }

    private Comparison() {
    }

    public static List<Row> compare(BenchReport baseline, BenchReport current) {
        Map<String, Figure> before = new LinkedHashMap<>();
        baseline.figures().forEach(f -> before.put(f.id(), f));
        List<Row> rows = new ArrayList<>();
        for (Figure now : current.figures()) {
            Figure then = before.get(now.id());
            rows.add(row(then, now));
        }
        return rows;
    }

    static Row row(Figure then, Figure now) {
        if (then == null || then.ratioMedian() == null || now.ratioMedian() == null || then.ratioMedian() == 0) {
            return new Row(now.id(), now.scenario(), now.target(), now.metric(), now.better(),
                    then == null ? null : then.ratioMedian(), then == null ? null : then.ratioNoise(),
                    now.ratioMedian(), now.ratioNoise(), Double.NaN, Double.NaN, Verdict.NOT_COMPARED, now.goal(),
                    now.goalMet(), then == null ? Double.NaN : then.median(), now.median(), now.unit());
        }
        double change = now.ratioMedian() / then.ratioMedian() - 1;
        double tolerance = Math.max(MIN_TOLERANCE, nz(then.ratioNoise()) + nz(now.ratioNoise()));
        Verdict verdict;
        if (!FigureBuilder.GATED.contains(now.id())) {
            verdict = Verdict.INFORMATIONAL;
        } else if (now.better() == Better.NEITHER || Math.abs(change) <= tolerance) {
            verdict = Verdict.WITHIN_NOISE;
        } else if (now.better().worse(then.ratioMedian(), now.ratioMedian())) {
            verdict = Verdict.REGRESSION;
        } else {
            verdict = Verdict.IMPROVEMENT;
        }
        return new Row(now.id(), now.scenario(), now.target(), now.metric(), now.better(), then.ratioMedian(),
                then.ratioNoise(), now.ratioMedian(), now.ratioNoise(), change, tolerance, verdict, now.goal(),
                now.goalMet(), then.median(), now.median(), now.unit());
    }

    private static double nz(Double value) {
        return value == null ? 0 : value;
    }
}
