package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.bench.report.Better;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AbVerdictTest {
    private static PairedRatio interval(double low, double high) {
        return new PairedRatio(Math.sqrt(low * high), low, high, 8, 0.96);
    }

    @Test
    void aThroughputIntervalEntirelyBelowTheThresholdIsARegression() {
        assertThat(AbVerdict.judge(interval(0.70, 0.90), Better.HIGHER, 0.05)).isEqualTo(AbVerdict.REGRESSION);
    }

    @Test
    void anIntervalThatReachesIntoTheThresholdIsInconclusiveNotARegression() {
        assertThat(AbVerdict.judge(interval(0.90, 0.96), Better.HIGHER, 0.05)).isEqualTo(AbVerdict.INCONCLUSIVE);
    }

    @Test
    void anIntervalInsideTheThresholdIsTheSame() {
        assertThat(AbVerdict.judge(interval(0.97, 1.03), Better.HIGHER, 0.05)).isEqualTo(AbVerdict.SAME);
        assertThat(AbVerdict.judge(interval(0.95, 1.05), Better.LOWER, 0.05)).isEqualTo(AbVerdict.SAME);
    }

    @Test
    void anIntervalWiderThanTheThresholdOnBothSidesIsInconclusive() {
        assertThat(AbVerdict.judge(interval(0.80, 1.25), Better.HIGHER, 0.05)).isEqualTo(AbVerdict.INCONCLUSIVE);
    }

    @Test
    void improvementsAreSymmetric() {
        assertThat(AbVerdict.judge(interval(1.06, 1.30), Better.HIGHER, 0.05)).isEqualTo(AbVerdict.IMPROVEMENT);
        assertThat(AbVerdict.judge(interval(0.70, 0.94), Better.LOWER, 0.05)).isEqualTo(AbVerdict.IMPROVEMENT);
    }

    @Test
    void forCostsHigherIsWorse() {
        assertThat(AbVerdict.judge(interval(1.10, 1.30), Better.LOWER, 0.05)).isEqualTo(AbVerdict.REGRESSION);
    }

    @Test
    void theThresholdIsPerFigure() {
        PairedRatio p99 = interval(1.08, 1.15);
        assertThat(AbVerdict.judge(p99, Better.LOWER, 0.05)).isEqualTo(AbVerdict.REGRESSION);
        assertThat(AbVerdict.judge(p99, Better.LOWER, 0.20)).isEqualTo(AbVerdict.SAME);
    }

    @Test
    void withoutAnIntervalNothingIsFlagged() {
        PairedRatio fewRounds = new PairedRatio(0.5, 0.4, 0.6, 5, 0);
        assertThat(AbVerdict.judge(fewRounds, Better.HIGHER, 0.05)).isEqualTo(AbVerdict.INCONCLUSIVE);
    }

    @Test
    void aThresholdOutsideZeroToOneIsAnError() {
        assertThatThrownBy(() -> AbVerdict.judge(interval(0.9, 1.1), Better.HIGHER, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Candidate/baseline per round: the true ratio times independent log-normal noise on each side. */
    private static List<Double> candidateRounds(Random random, int rounds, double trueRatio, double noise) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            out.add(trueRatio * Math.exp(noise * random.nextGaussian()) / Math.exp(noise * random.nextGaussian()));
        }
        return out;
    }

    private static long flagged(long seed, double trueRatio, double noise, int trials) {
        Random random = new Random(seed);
        long regressions = 0;
        for (int t = 0; t < trials; t++) {
            List<Double> baseline = new ArrayList<>(Collections.nCopies(8, 1.0));
            PairedRatio r = PairedRatio.of(baseline, candidateRounds(random, 8, trueRatio, noise), 0.95);
            if (AbVerdict.judge(r, Better.HIGHER, 0.05) == AbVerdict.REGRESSION) {
                regressions++;
            }
        }
        return regressions;
    }

    @Test
    void withoutAChangeEightNoisyRoundsAlmostNeverFlagARegression() {
        // 7% noise per side, about what a shared machine gives per round: fewer than 1 in 200 flagged
        assertThat(flagged(12, 1.0, 0.07, 2000)).isLessThan(10);
    }

    @Test
    void aTwentyPercentSlowdownIsFlaggedInNearlyEveryRun() {
        assertThat(flagged(34, 0.8, 0.07, 2000)).isGreaterThan(1900);
    }
    @Test
    void aForkShowsARegressionOnlyBeyondTheThresholdOnTheWorseSide() {
        assertThat(AbVerdict.REGRESSION.seenIn(0.90, Better.HIGHER, 0.05)).isTrue();
        assertThat(AbVerdict.REGRESSION.seenIn(0.96, Better.HIGHER, 0.05)).isFalse();
        assertThat(AbVerdict.REGRESSION.seenIn(1.10, Better.LOWER, 0.05)).isTrue();
        assertThat(AbVerdict.REGRESSION.seenIn(0.90, Better.LOWER, 0.05)).isFalse();
        assertThat(AbVerdict.IMPROVEMENT.seenIn(0.90, Better.LOWER, 0.05)).isTrue();
        assertThat(AbVerdict.IMPROVEMENT.seenIn(1.10, Better.HIGHER, 0.05)).isTrue();
        assertThat(AbVerdict.REGRESSION.seenIn(Double.NaN, Better.HIGHER, 0.05)).isFalse();
        assertThat(AbVerdict.SAME.seenIn(1.0, Better.HIGHER, 0.05)).isFalse();
    }

    /**
     * {@code forks} forks of {@code 12 / forks} rounds, each fork's JVM pair off by a persistent
     * factor of its own (sd {@code jvmSpread}) on top of 3% round noise: how often the throughput
     * figure is flagged a regression in {@code trials} comparisons.
     */
    private static long forkedRegressions(long seed, int forks, double trueRatio, double jvmSpread, int trials) {
        Random random = new Random(seed);
        long regressions = 0;
        for (int t = 0; t < trials; t++) {
            List<List<Double>> baseline = new ArrayList<>();
            List<List<Double>> candidate = new ArrayList<>();
            for (int fork = 0; fork < forks; fork++) {
                double pair = Math.exp(jvmSpread * random.nextGaussian());
                baseline.add(new ArrayList<>(Collections.nCopies(12 / forks, 1.0)));
                candidate.add(candidateRounds(random, 12 / forks, trueRatio * pair, 0.03));
            }
            if (AbFigure.judge("s", "t", AbMetric.MESSAGES, baseline, candidate, 0.05).verdictValue()
                    == AbVerdict.REGRESSION) {
                regressions++;
            }
        }
        return regressions;
    }

    @Test
    void quietRoundsWithJvmToJvmDifferencesFlagFarLessOftenWithTwoForks() {
        // quiet: 3% round noise, but JVM pairs of the same code differ by 8% (sd). One pair's 12
        // rounds give a narrow interval around that pair's offset; two pairs' rounds spread the
        // interval over both, and each fork must show the change on its own (seeds as here: 328
        // of 2000 flagged with one pair, 103 with two)
        long onePair = forkedRegressions(56, 1, 1.0, 0.08, 2000);
        long twoPairs = forkedRegressions(56, 2, 1.0, 0.08, 2000);
        assertThat(twoPairs).isLessThan(onePair / 3).isLessThan(2000 / 15);
    }

    @Test
    void aRealSlowdownIsSeenByBothForks() {
        assertThat(forkedRegressions(78, 2, 0.75, 0.03, 2000)).isGreaterThan(1900);
    }
}
