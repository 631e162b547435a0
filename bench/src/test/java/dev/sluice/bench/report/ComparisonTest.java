package dev.sluice.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static Figure throughput(double... ratios) {
        List<Double> values = new java.util.ArrayList<>();
        List<Double> controls = new java.util.ArrayList<>();
        for (double ratio : ratios) {
            values.add(ratio * 1000);
            controls.add(1000.0);
        }
        return Figure.controlled("echo64-closed", "sluice", "messagesPerSecond", "msg/s", Better.HIGHER, values,
                "wss", values, controls, null);
    }

    @Test
    void aDropLargerThanBothRunsNoiseIsARegression() {
        Comparison.Row row = Comparison.row(throughput(0.95, 0.97), throughput(0.80, 0.82));

        assertThat(row.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(row.change()).isNegative();
    }

    @Test
    void aDropInsideTheMeasuredNoiseIsNotFlagged() {
        Comparison.Row row = Comparison.row(throughput(0.80, 1.10), throughput(0.85, 0.90));

        assertThat(row.verdict()).isEqualTo(Verdict.WITHIN_NOISE);
    }

    @Test
    void aSmallDropWithQuietRoundsStaysUnderTheMinimumTolerance() {
        Comparison.Row row = Comparison.row(throughput(0.95, 0.95), throughput(0.93, 0.93));

        assertThat(row.tolerance()).isEqualTo(Comparison.MIN_TOLERANCE);
        assertThat(row.verdict()).isEqualTo(Verdict.WITHIN_NOISE);
    }

    @Test
    void aRiseInLatencyRatioIsARegressionAndAFallAnImprovement() {
        Figure before = Figure.controlled("open-10k", "sluice", "p99Micros", "us", Better.LOWER, List.of(100.0),
                "wss", List.of(100.0), List.of(100.0), null);
        Figure worse = Figure.controlled("open-10k", "sluice", "p99Micros", "us", Better.LOWER, List.of(200.0),
                "wss", List.of(200.0), List.of(100.0), null);
        Figure better = Figure.controlled("open-10k", "sluice", "p99Micros", "us", Better.LOWER, List.of(50.0),
                "wss", List.of(50.0), List.of(100.0), null);

        assertThat(Comparison.row(before, worse).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(Comparison.row(before, better).verdict()).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void aControlsOwnRatioIsContextAndNeverFlagged() {
        Figure before = Figure.controlled("echo64-closed", "ws", "messagesPerSecond", "msg/s", Better.HIGHER,
                List.of(100.0), "wss", List.of(100.0), List.of(100.0), null);
        Figure after = Figure.controlled("echo64-closed", "ws", "messagesPerSecond", "msg/s", Better.HIGHER,
                List.of(10.0), "wss", List.of(10.0), List.of(100.0), null);

        assertThat(Comparison.row(before, after).verdict()).isEqualTo(Verdict.INFORMATIONAL);
    }

    @Test
    void aFigureMissingFromTheBaselineIsNotCompared() {
        assertThat(Comparison.row(null, throughput(0.9, 0.9)).verdict()).isEqualTo(Verdict.NOT_COMPARED);
    }
}
