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
        ObjectNode run = JsonLines.MAPPER.createObjectNode();
        run.put("messagesPerSecond", messagesPerSecond);
        run.put("serverCpuNanosPerMessage", cpu / 2);
        run.put("clientCpuNanosPerMessage", cpu / 2);
        run.put("serverAllocatedBytesPerMessage", allocated);
        return new Sample(ECHO.id(), TargetKind.SLUICE.id(), side, round, run);
    }

    private static AbFigure find(List<AbFigure> figures, String metric) {
        return figures.stream().filter(f -> f.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void eachRoundsCandidateIsPairedWithThatRoundsBaseline() {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= PLAN.rounds(); round++) {
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
        for (int round = 1; round <= PLAN.rounds(); round++) {
            samples.add(sample(Side.BASELINE, round, 100_000, 5000, 400));
            if (round != 3) {
                samples.add(sample(Side.CANDIDATE, round, 100_000, 5000, 400));
            }
        }
        List<AbFigure> figures = AbFigures.build(PLAN.withScenarios(List.of(ECHO)), samples, Thresholds.defaults());
        assertThat(find(figures, "messagesPerSecond").pairs()).isEqualTo(PLAN.rounds() - 1);
    }

    @Test
    void theOpenLoopIsJudgedOnLatencyNotThroughput() {
        Scenario open = PLAN.scenarios().stream().filter(s -> s.id().equals("open-10k")).findFirst().orElseThrow();
        assertThat(AbMetric.of(open)).extracting(AbMetric::name)
                .containsExactly("p50Micros", "p99Micros", "totalCpuNanosPerMessage", "serverAllocatedBytesPerMessage");
    }
}
