package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Window growth stops exactly at the maximum, also when the maximum is not a doubling away, and takes from the budget. */
class ReceiveWindowCapTest {
    @Test
    void growthIsCutToWhatIsLeftBelowTheMaximum() throws Exception {
        InboundBudget budget = new InboundBudget(Long.MAX_VALUE, 1 << 20);
        ReceiveWindow window = new ReceiveWindow(16, 24, budget);
        window.onData(1, 16);
        assertThat(window.onConsumed(16, true)).isEqualTo(24);
        assertThat(window.window()).isEqualTo(24);
        assertThat(budget.takeGrowth(Long.MAX_VALUE)).isEqualTo((1 << 20) - 8);
    }

    @Test
    void aWindowAtItsMaximumGrantsBackOnlyWhatWasConsumed() throws Exception {
        ReceiveWindow window = new ReceiveWindow(16, 16, new InboundBudget(Long.MAX_VALUE, 1 << 20));
        window.onData(1, 16);
        assertThat(window.onConsumed(16, true)).isEqualTo(16);
        assertThat(window.window()).isEqualTo(16);
    }

    @Test
    void growthIsLimitedByTheConnectionsBudget() throws Exception {
        ReceiveWindow window = new ReceiveWindow(16, 64, new InboundBudget(Long.MAX_VALUE, 3));
        window.onData(1, 16);
        assertThat(window.onConsumed(16, true)).isEqualTo(19);
        assertThat(window.window()).isEqualTo(19);
    }
}
