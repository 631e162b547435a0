package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window grows only when it, not the reader, limits the peer, and only within the connection's budget. */
class ReceiveWindowGrowthTest {
    private static final int WINDOW = 1024;

    @Test
    void aReaderThatKeepsUpWithAWindowLimitedPeerDoublesTheWindow() throws Exception {
        InboundBudget budget = new InboundBudget(Long.MAX_VALUE, 1 << 20);
        ReceiveWindow window = new ReceiveWindow(WINDOW, 8 * WINDOW, budget);
        window.onData(1, WINDOW);
        int grant = window.onConsumed(WINDOW, true);
        assertThat(window.window()).isEqualTo(2 * WINDOW);
        assertThat(grant).as("the consumed bytes plus the growth").isEqualTo(2 * WINDOW);
        assertThat(window.peerCredit()).isEqualTo(2 * WINDOW);
    }

    @Test
    void theWindowStopsAtItsMaximum() throws Exception {
        ReceiveWindow window = new ReceiveWindow(WINDOW, 4 * WINDOW, new InboundBudget(Long.MAX_VALUE, 1 << 20));
        for (int round = 0; round < 10; round++) {
            int credit = (int) window.peerCredit();
            window.onData(1, credit);
            window.onConsumed(credit, true);
        }
        assertThat(window.window()).isEqualTo(4 * WINDOW);
        assertThat(window.peerCredit()).isEqualTo(4 * WINDOW);
    }

    @Test
    void aReaderThatFallsBehindNeverGrowsTheWindow() throws Exception {
        ReceiveWindow window = new ReceiveWindow(WINDOW, 8 * WINDOW, new InboundBudget(Long.MAX_VALUE, 1 << 20));
        for (int round = 0; round < 10; round++) {
            int credit = (int) window.peerCredit();
            window.onData(1, credit);
            // consumes half of what is buffered: always behind
            window.onConsumed((int) (window.buffered() / 2), true);
        }
        assertThat(window.window()).isEqualTo(WINDOW);
        assertThat(window.peerCredit() + window.buffered()).isLessThanOrEqualTo(WINDOW);
    }

    @Test
    void aPeerThatLeavesCreditUnusedNeverGrowsTheWindow() throws Exception {
        ReceiveWindow window = new ReceiveWindow(WINDOW, 8 * WINDOW, new InboundBudget(Long.MAX_VALUE, 1 << 20));
        for (int round = 0; round < 10; round++) {
            window.onData(1, WINDOW / 2);
            window.onConsumed(WINDOW / 2, true);
        }
        assertThat(window.window()).isEqualTo(WINDOW);
    }

    @Test
    void growthIsSharedOutOfTheConnectionsBudgetAndGivenBackOnClose() throws Exception {
        InboundBudget budget = new InboundBudget(Long.MAX_VALUE, WINDOW + WINDOW / 2);
        ReceiveWindow first = new ReceiveWindow(WINDOW, 8 * WINDOW, budget);
        ReceiveWindow second = new ReceiveWindow(WINDOW, 8 * WINDOW, budget);
        first.onData(1, WINDOW);
        first.onConsumed(WINDOW, true);
        second.onData(3, WINDOW);
        second.onConsumed(WINDOW, true);
        assertThat(first.window()).isEqualTo(2 * WINDOW);
        assertThat(second.window()).as("what was left of the budget").isEqualTo(WINDOW + WINDOW / 2);
        assertThat(budget.takeGrowth(1)).isZero();

        first.release();
        assertThat(budget.takeGrowth(Long.MAX_VALUE)).isEqualTo(WINDOW);
    }
}
