package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarmUpTest {
    private static WarmUp twoSides(int min, int max, long quiet) {
        WarmUp warmUp = new WarmUp(min, max, quiet);
        warmUp.expect("baseline/sluice");
        warmUp.expect("candidate/sluice");
        return warmUp;
    }

    @Test
    void keepsWarmingWhileEitherSideIsStillCompiling() {
        WarmUp warmUp = twoSides(2, 10, 100);
        warmUp.record("baseline/sluice", 2_000, 1_500);
        warmUp.record("candidate/sluice", 2_100, 1_400);
        assertThat(warmUp.done(1)).isFalse(); // below the minimum, and no round-to-round figure yet
        warmUp.record("baseline/sluice", 2_050, 1_520); // +70 ms: quiet
        warmUp.record("candidate/sluice", 2_600, 1_500); // +600 ms: still compiling
        assertThat(warmUp.done(2)).isFalse();
        warmUp.record("baseline/sluice", 2_060, 1_530);
        warmUp.record("candidate/sluice", 2_640, 1_520); // +60 ms
        assertThat(warmUp.done(3)).isTrue();
        assertThat(warmUp.lastRound()).containsEntry("baseline/sluice", 20L).containsEntry("candidate/sluice", 60L);
    }

    @Test
    void quietFromTheStartStillWarmsUpTheMinimum() {
        WarmUp warmUp = twoSides(2, 10, 100);
        for (int round = 1; round <= 2; round++) {
            warmUp.record("baseline/sluice", 10, 10);
            warmUp.record("candidate/sluice", 10, 10);
        }
        assertThat(warmUp.quiet()).isTrue();
        assertThat(warmUp.done(1)).isFalse();
        assertThat(warmUp.done(2)).isTrue();
    }

    @Test
    void stopsAtTheMaximumEvenWhenTheJitNeverSettles() {
        WarmUp warmUp = twoSides(2, 4, 100);
        long jit = 0;
        for (int round = 1; round <= 4; round++) {
            jit += 1_000;
            warmUp.record("baseline/sluice", jit, jit);
            warmUp.record("candidate/sluice", jit, jit);
            assertThat(warmUp.done(round)).isEqualTo(round == 4);
        }
        assertThat(warmUp.quiet()).isFalse();
    }

    @Test
    void aSideThatNeverReportedIsNotQuiet() {
        WarmUp warmUp = twoSides(1, 10, 100);
        warmUp.record("baseline/sluice", 10, 10);
        warmUp.record("baseline/sluice", 10, 10);
        assertThat(warmUp.quiet()).isFalse(); // the candidate's runs failed: nothing says it is warm
    }

    @Test
    void aJvmWithoutTheCounterDoesNotHoldTheWarmUp() {
        WarmUp warmUp = twoSides(1, 10, 100);
        warmUp.record("baseline/sluice", -1, 5);
        warmUp.record("candidate/sluice", 7, -1);
        assertThat(warmUp.done(1)).isTrue();
    }

    @Test
    void rejectsAnImpossibleRange() {
        assertThatThrownBy(() -> new WarmUp(3, 2, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmUp(0, 2, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quietIsFivePercentOfARound() {
        assertThat(AbPlan.quickPlan().quietJitMillis()).isEqualTo(100); // 0.5 s + 1.5 s
        assertThat(AbPlan.fullPlan().quietJitMillis()).isEqualTo(150); // 1 s + 2 s
    }
}
