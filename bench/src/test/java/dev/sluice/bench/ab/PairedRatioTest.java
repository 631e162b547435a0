package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatioTest {
    private static List<Double> ones(int n) {
        return new ArrayList<>(Collections.nCopies(n, 1.0));
    }

    /** Candidate values whose log ratios to a baseline of 1.0 are exactly {@code logs}. */
    private static List<Double> exp(double... logs) {
        List<Double> out = new ArrayList<>();
        Arrays.stream(logs).forEach(d -> out.add(Math.exp(d)));
        return out;
    }

    @Test
    void identicalRunsGiveOneWithAZeroWidthInterval() {
        List<Double> values = List.of(100.0, 90.0, 120.0, 80.0, 110.0, 95.0, 105.0, 99.0);
        PairedRatio r = PairedRatio.of(values, values, 0.95);
        assertThat(r.ratio()).isEqualTo(1.0);
        assertThat(r.ciLow()).isEqualTo(1.0);
        assertThat(r.ciHigh()).isEqualTo(1.0);
        assertThat(r.pairs()).isEqualTo(8);
    }

    @Test
    void theRatioIsPairedByRoundSoAMachineThatSlowsBothSidesCancelsOut() {
        List<Double> baseline = List.of(100.0, 50.0, 200.0, 80.0, 400.0, 30.0);
        List<Double> candidate = baseline.stream().map(v -> v * 0.8).toList();
        PairedRatio r = PairedRatio.of(baseline, candidate, 0.95);
        assertThat(r.ratio()).isCloseTo(0.8, within(1e-12));
        assertThat(r.ciLow()).isCloseTo(0.8, within(1e-12));
        assertThat(r.ciHigh()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void intervalIsBoundedByTheCriticalWalshAverages() {
        // log ratios 1..8: Walsh averages run 1, 1.5, 2, 2, ... 7, 7, 7.5, 8; n = 8 takes the 4th from each end
        PairedRatio r = PairedRatio.of(ones(8), exp(1, 2, 3, 4, 5, 6, 7, 8), 0.95);
        assertThat(Math.log(r.ratio())).isCloseTo(4.5, within(1e-12));
        assertThat(Math.log(r.ciLow())).isCloseTo(2.0, within(1e-12));
        assertThat(Math.log(r.ciHigh())).isCloseTo(7.0, within(1e-12));
        assertThat(r.confidence()).isCloseTo(1 - 2 * 5 / 256.0, within(1e-12));
    }

    @Test
    void oneDisturbedRoundMovesTheEstimateLittle() {
        double[] quiet = {-0.02, 0.01, 0.0, 0.015, -0.01, 0.005, -0.005, 0.02};
        double[] disturbed = quiet.clone();
        disturbed[3] = 1.5; // another job took the candidate's round: 4.5x
        PairedRatio calm = PairedRatio.of(ones(8), exp(quiet), 0.95);
        PairedRatio hit = PairedRatio.of(ones(8), exp(disturbed), 0.95);
        assertThat(hit.ratio()).isCloseTo(calm.ratio(), within(0.02));
        assertThat(hit.ciLow()).isLessThan(1.0);
    }

    @Test
    void roundsMissingOnEitherSideAreDropped() {
        List<Double> baseline = new ArrayList<>(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
        List<Double> candidate = new ArrayList<>(List.of(1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1));
        baseline.set(2, null);
        candidate.set(5, Double.NaN);
        candidate.set(6, -1.0);
        PairedRatio r = PairedRatio.of(baseline, candidate, 0.95);
        assertThat(r.pairs()).isEqualTo(5);
        assertThat(r.hasInterval()).isFalse();
        assertThat(r.ratio()).isCloseTo(1.1, within(1e-12));
    }

    @Test
    void tooFewRoundsGiveNoInterval() {
        PairedRatio r = PairedRatio.of(ones(5), exp(0.1, 0.1, 0.1, 0.1, 0.1), 0.95);
        assertThat(r.hasInterval()).isFalse();
        assertThat(r.confidence()).isZero();
    }

    @Test
    void noPairsAtAllGiveNaN() {
        PairedRatio r = PairedRatio.of(List.of(), List.of(), 0.95);
        assertThat(r.pairs()).isZero();
        assertThat(r.ratio()).isNaN();
    }

    @Test
    void sidesOfDifferentLengthAreAnError() {
        assertThatThrownBy(() -> PairedRatio.of(ones(6), ones(7), 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 baseline, 7 candidate");
    }
}
