package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignedRankTest {
    @Test
    void distributionCountsEverySignPatternOnce() {
        // n = 3: sums 0,1,2,3,3,4,5,6 over the 8 sign patterns
        assertThat(SignedRank.cdf(3, 0)).isEqualTo(1 / 8.0);
        assertThat(SignedRank.cdf(3, 2)).isEqualTo(3 / 8.0);
        assertThat(SignedRank.cdf(3, 3)).isEqualTo(5 / 8.0);
        assertThat(SignedRank.cdf(3, 6)).isEqualTo(1.0);
        assertThat(SignedRank.cdf(3, -1)).isEqualTo(0.0);
    }

    @Test
    void criticalRanksMatchThePublishedTwoSidedFivePercentTable() {
        // published critical values T (reject when W <= T) for alpha = 0.05 two-sided: k = T + 1
        assertThat(SignedRank.criticalRank(6, 0.05)).isEqualTo(1);
        assertThat(SignedRank.criticalRank(7, 0.05)).isEqualTo(3);
        assertThat(SignedRank.criticalRank(8, 0.05)).isEqualTo(4);
        assertThat(SignedRank.criticalRank(9, 0.05)).isEqualTo(6);
        assertThat(SignedRank.criticalRank(10, 0.05)).isEqualTo(9);
        assertThat(SignedRank.criticalRank(20, 0.05)).isEqualTo(53);
    }

    @Test
    void fiveRoundsCannotGiveANinetyFivePercentInterval() {
        assertThat(SignedRank.criticalRank(5, 0.05)).isZero();
    }

    @Test
    void distributionIsSymmetric() {
        int n = 12;
        int max = n * (n + 1) / 2;
        for (int w = 0; w < max; w++) {
            assertThat(SignedRank.cdf(n, w)).isCloseTo(1 - SignedRank.cdf(n, max - w - 1), within(1e-12));
        }
    }
}
