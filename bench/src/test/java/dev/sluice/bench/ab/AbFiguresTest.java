package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.bench.ab.AbRunner.Sample;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.proc.JsonLines;
import dev.sluice.bench.suite.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbFiguresTest {
    private static final AbPlan PLAN = AbPlan.quickPlan();
    private static final Scenario ECHO = PLAN.scenarios().get(0);

    private static Sample sample(String side, int round, double messagesPerSecond, double cpu, double allocated) {
        return sample(side, 1 + (round - 1) / PLAN.rounds() % PLAN.forks(), 1 + (round - 1) % PLAN.rounds(),
                messagesPerSecond, cpu, allocated);
    }

    /** Round numbers in the tests count over all forks: fork 1's rounds first. */
    private static Sample sample(String side, int fork, int round, double messagesPerSecond, double cpu,
                                 double allocated) {
        ObjectNode run = JsonLines.MAPPER.createObjectNode();
        run.put("messagesPerSecond", messagesPerSecond);
        run.put("serverCpuNanosPerMessage", cpu / 2);
        run.put("clientCpuNanosPerMessage", cpu / 2);
        run.put("serverAllocatedBytesPerMessage", allocated);
        return new Sample(ECHO.id(), TargetKind.SLUICE.id(), side, fork, round, run);
    }

    private static AbFigure find(List<AbFigure> figures, String metric) {
        return figures.stream().filter(f -> f.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void eachRoundsCandidateIsPairedWithThatRoundsBaseline() {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= PLAN.forks() * PLAN.rounds(); round++) {
            double machine = round % 2 == 0 ? 100_000 : 300_000; // the machine's speed swings 3x between rounds
            samples.add(sample(Side.BASELINE, round, machine, 5000, 400));
            samples.add(sample(Side.CANDIDATE, round, machine * 0.8, 6000, 400));
        }
        List<AbFigure> figures = AbFigures.build(PLAN.withScenarios(List.of(ECHO)), samples, Thresholds.defaults());

        AbFigure throughput = find(figures, "messagesPerSecond");
        assertThat(throughput.id()).isEqualTo("echo64-closed.sluice.messagesPerSecond");
        assertThat(throughput.ratio()).isCloseTo(0.8, within(1e-9));
        assertThat(throughput.verdict()).isEqualTo("regression");
        assertThat(find(figures, "totalCpuNanosPerMessage").verdict()).isEqualTo("regression");
        assertThat(find(figures, "serverAllocatedBytesPerMessage").verdict()).isEqualTo("same");
    }

    @Test
    void aRoundMissingOnOneSideLeavesThatRoundOut() {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= PLAN.forks() * PLAN.rounds(); round++) {
            samples.add(sample(Side.BASELINE, round, 100_000, 5000, 400));
            if (round != 3) {
                samples.add(sample(Side.CANDIDATE, round, 100_000, 5000, 400));
            }
        }
        List<AbFigure> figures = AbFigures.build(PLAN.withScenarios(List.of(ECHO)), samples, Thresholds.defaults());
        assertThat(find(figures, "messagesPerSecond").pairs()).isEqualTo(PLAN.forks() * PLAN.rounds() - 1);
    }

    @Test
    void eachForksOwnRatioIsReported() {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= PLAN.rounds(); round++) {
            samples.add(sample(Side.BASELINE, 1, round, 100_000, 5000, 400));
            samples.add(sample(Side.CANDIDATE, 1, round, 70_000, 5000, 400));
            samples.add(sample(Side.BASELINE, 2, round, 100_000, 5000, 400));
            samples.add(sample(Side.CANDIDATE, 2, round, 80_000, 5000, 400));
        }
        AbFigure throughput = find(AbFigures.build(PLAN.withScenarios(List.of(ECHO)), samples, Thresholds.defaults()),
                "messagesPerSecond");
        assertThat(throughput.forkRatios()).hasSize(2);
        assertThat(throughput.forkRatios().get(0)).isCloseTo(0.7, within(1e-9));
        assertThat(throughput.forkRatios().get(1)).isCloseTo(0.8, within(1e-9));
        assertThat(throughput.pairs()).isEqualTo(2 * PLAN.rounds());
        assertThat(throughput.verdict()).isEqualTo("regression");
    }

    /**
     * One JVM pair ran the candidate 30% slower in all six rounds; the other pair's runs failed
     * but for two rounds, at 0.99x. Pooled, the interval lies beyond the threshold (the odd pair
     * has most rounds); the other fork's own ratio does not, so nothing is flagged.
     */
    @Test
    void oneOddJvmPairCantFlagAlone() {
        List<Sample> samples = new ArrayList<>();
        double[] noise = {1.00, 1.02, 0.99, 1.01, 0.98, 1.00};
        for (int round = 1; round <= PLAN.rounds(); round++) {
            double n = noise[(round - 1) % noise.length];
            samples.add(sample(Side.BASELINE, 1, round, 100_000, 5000, 400));
            samples.add(sample(Side.CANDIDATE, 1, round, 70_000 * n, 5000, 400));
            samples.add(sample(Side.BASELINE, 2, round, 100_000, 5000, 400));
            if (round <= 2) {
                samples.add(sample(Side.CANDIDATE, 2, round, 99_000, 5000, 400));
            }
        }
        AbFigure throughput = find(AbFigures.build(PLAN.withScenarios(List.of(ECHO)), samples, Thresholds.defaults()),
                "messagesPerSecond");
        assertThat(throughput.ciHigh()).isLessThan(0.95);
        assertThat(throughput.forksDisagree()).isTrue();
        assertThat(throughput.verdict()).isEqualTo("inconclusive");
        assertThat(ComparisonMarkdown.verdictText(throughput)).contains(", 0.990x").contains("can't flag alone");
    }

    @Test
    void aSingleForkIsJudgedOnItsIntervalAlone() {
        AbPlan oneFork = PLAN.withScenarios(List.of(ECHO)).withForks(1).withRounds(12);
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= oneFork.rounds(); round++) {
            samples.add(sample(Side.BASELINE, 1, round, 100_000, 5000, 400));
            samples.add(sample(Side.CANDIDATE, 1, round, 81_000, 5000, 400));
        }
        AbFigure throughput = find(AbFigures.build(oneFork, samples, Thresholds.defaults()), "messagesPerSecond");
        assertThat(throughput.forksDisagree()).isFalse();
        assertThat(throughput.verdict()).isEqualTo("regression");
    }

    @Test
    void theOpenLoopIsJudgedOnLatencyNotThroughput() {
        Scenario open = PLAN.scenarios().stream().filter(s -> s.id().equals("open-10k")).findFirst().orElseThrow();
        assertThat(AbMetric.of(open)).extracting(AbMetric::name)
                .containsExactly("p50Micros", "p99Micros", "totalCpuNanosPerMessage", "serverAllocatedBytesPerMessage");
    }
}
