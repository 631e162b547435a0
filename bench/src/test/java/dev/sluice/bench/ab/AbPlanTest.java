package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AbPlanTest {
    @Test
    void theQuickPlanRunsTwoForksOfSixRounds() {
        AbPlan quick = AbPlan.quickPlan();
        assertThat(quick.forks()).isEqualTo(2);
        assertThat(quick.rounds()).isEqualTo(6);
        assertThat(quick.minWarmUpRounds()).isLessThanOrEqualTo(quick.maxWarmUpRounds());
    }

    @Test
    void fewerRoundsOverAllForksThanAnIntervalNeedsAreRefused() {
        assertThatThrownBy(() -> AbPlan.quickPlan().withForks(2).withRounds(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 6 measured rounds");
        assertThat(AbPlan.quickPlan().withForks(3).withRounds(2).forks()).isEqualTo(3);
    }

    @Test
    void aPlanWithoutForksOrMeasuredRoundsIsRefused() {
        assertThatThrownBy(() -> AbPlan.quickPlan().withForks(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 fork");
        assertThatThrownBy(() -> AbPlan.quickPlan().withRounds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forksAndRoundsCanBeChosen() {
        AbPlan plan = AbPlan.fullPlan().withForks(4).withRounds(3);
        assertThat(plan.forks()).isEqualTo(4);
        assertThat(plan.rounds()).isEqualTo(3);
        assertThat(plan.quick()).isFalse();
    }
}
