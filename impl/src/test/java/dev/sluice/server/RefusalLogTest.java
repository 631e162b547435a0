package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RefusalLog log = new RefusalLog(lines::add, clock::get);

    @Test
    void aBurstIsWrittenInFullThenLinesAreLeftOutAndCountedOnTheNextOne() {
        for (int i = 0; i < RefusalLog.BURST + 5; i++) {
            log.log("/10.0.0.1:" + i, "upgrade refused with 426: no Sec-WebSocket-Version");
        }
        assertThat(lines).hasSize(RefusalLog.BURST);

        clock.addAndGet(1_000_000_000L / RefusalLog.LINES_PER_SECOND);
        log.log("/10.0.0.1:99", "upgrade refused with 400: the upgrade request has no Host header");

        assertThat(lines).hasSize(RefusalLog.BURST + 1).last().asString()
                .isEqualTo("/10.0.0.1:99 upgrade refused with 400: the upgrade request has no Host header"
                        + " (5 similar lines left out)");
    }

    @Test
    void aQuietLogRefillsToTheBurstAndNoFurther() {
        for (int i = 0; i < RefusalLog.BURST; i++) {
            log.log("peer", "refused");
        }
        clock.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3 * RefusalLog.BURST; i++) {
            log.log("peer", "refused");
        }
        assertThat(lines).hasSize(2 * RefusalLog.BURST);
    }
}
