package dev.sluice.bench.ab;

import dev.sluice.bench.ab.AbRunner.Sample;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.suite.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pairs each round's baseline and candidate runs and judges every metric of every target. */
final class AbFigures {
    private AbFigures() {
    }

    static List<AbFigure> build(AbPlan plan, List<Sample> samples, Thresholds thresholds) {
        Map<String, Sample> byKey = new HashMap<>();
        samples.forEach(s -> byKey.put(key(s.scenario(), s.target(), s.side(), s.round()), s));
        List<AbFigure> figures = new ArrayList<>();
        for (Scenario scenario : plan.scenarios()) {
            for (TargetKind target : plan.targets()) {
                for (AbMetric metric : AbMetric.of(scenario)) {
                    List<Double> baseline = new ArrayList<>();
                    List<Double> candidate = new ArrayList<>();
                    for (int round = 1; round <= plan.rounds(); round++) {
                        baseline.add(value(byKey.get(key(scenario.id(), target.id(), Side.BASELINE, round)), metric));
                        candidate.add(value(byKey.get(key(scenario.id(), target.id(), Side.CANDIDATE, round)), metric));
                    }
                    String id = scenario.id() + "." + target.id() + "." + metric.name();
                    figures.add(AbFigure.judge(scenario.id(), target.id(), metric, baseline, candidate,
                            thresholds.forFigure(id, metric.name())));
                }
            }
        }
        return figures;
    }

    private static Double value(Sample sample, AbMetric metric) {
        return sample == null ? null : metric.valueOf(sample.run());
    }

    private static String key(String scenario, String target, String side, int round) {
        return scenario + "/" + target + "/" + side + "/" + round;
    }
}
