package dev.sluice.bench.ab;

import dev.sluice.bench.ab.AbRunner.Sample;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.suite.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each fork's and round's baseline and candidate runs and judges every metric of every
 * target ({@link AbFigure#judge}).
 */
final class AbFigures {
    private AbFigures() {
    }

    static List<AbFigure> build(AbPlan plan, List<Sample> samples, Thresholds thresholds) {
        Map<String, Sample> byKey = new HashMap<>();
        samples.forEach(s -> byKey.put(key(s.scenario(), s.target(), s.side(), s.fork(), s.round()), s));
        List<AbFigure> figures = new ArrayList<>();
        for (Scenario scenario : plan.scenarios()) {
            for (TargetKind target : plan.targets()) {
                for (AbMetric metric : AbMetric.of(scenario)) {
                    List<List<Double>> baseline = new ArrayList<>();
                    List<List<Double>> candidate = new ArrayList<>();
                    for (int fork = 1; fork <= plan.forks(); fork++) {
                        baseline.add(values(byKey, plan, scenario, target, Side.BASELINE, fork, metric));
                        candidate.add(values(byKey, plan, scenario, target, Side.CANDIDATE, fork, metric));
                    }
                    String id = scenario.id() + "." + target.id() + "." + metric.name();
                    figures.add(AbFigure.judge(scenario.id(), target.id(), metric, baseline, candidate,
                            thresholds.forFigure(id, metric.name())));
                }
            }
        }
        return figures;
    }

    /** One fork's values of one side, by round; null for a round that failed. */
    private static List<Double> values(Map<String, Sample> byKey, AbPlan plan, Scenario scenario, TargetKind target,
                                       String side, int fork, AbMetric metric) {
        List<Double> out = new ArrayList<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            out.add(value(byKey.get(key(scenario.id(), target.id(), side, fork, round)), metric));
        }
        return out;
    }

    private static Double value(Sample sample, AbMetric metric) {
        return sample == null ? null : metric.valueOf(sample.run());
    }

    private static String key(String scenario, String target, String side, int fork, int round) {
        return scenario + "/" + target + "/" + side + "/" + fork + "/" + round;
    }
}
