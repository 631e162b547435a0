package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiveWindowTest {
    private static final int WINDOW = 256 * 1024;
    private static final int THRESHOLD = WINDOW / 4;

    /**
     * Liveness of the batching: bytes consumed but not yet granted (below one batch) never take
     * more than one batch from the writer, so a reader that consumed everything always leaves the
     * writer more than {@code window - batch} of credit, whatever the frame sizes (tiny headers
     * between large bodies included).
     */
    @Test
    void aReaderThatConsumedEverythingLeavesTheWriterAllButLessThanOneBatch() throws Exception {
        Random random = new Random(42);
        ReceiveWindow window = new ReceiveWindow(WINDOW, WINDOW, new InboundBudget(Long.MAX_VALUE, 0));
        for (int step = 0; step < 100_000; step++) {
            long credit = window.peerCredit();
            if (credit > 0) {
                int frame = random.nextBoolean() ? 8 : 1 + random.nextInt(16 * 1024);
                window.onData(1, (int) Math.min(frame, credit));
            }
            if (random.nextInt(3) == 0 || window.peerCredit() == 0) {
                window.onConsumed((int) window.buffered(), true);
                assertThat(window.peerCredit()).as("credit left to the writer after every byte was consumed")
                        .isGreaterThan(WINDOW - THRESHOLD);
            }
            assertThat(window.peerCredit() + window.buffered()).isLessThanOrEqualTo(WINDOW);
        }
    }
}
