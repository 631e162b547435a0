package dev.sluice.chaos.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each toxic on a virtual clock: what it passes on, when, and that it releases every buffer. */
class ToxicContractTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static byte[] bytes(int length, int seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void latencyWithJitterNeverReordersNorReleasesEarly() {
        FakeLink link = new FakeLink("latency", Map.of("latency", 100L, "jitter", 50L), 1);
        for (int i = 0; i < 50; i++) {
            link.send(new byte[] {(byte) i});
            link.advanceMillis(1);
        }
        link.advanceMillis(1_000);

        assertThat(link.forwarded).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(link.forwarded.get(i).data()[0]).isEqualTo((byte) i);
            assertThat(link.forwarded.get(i).atNanos()).isGreaterThanOrEqualTo((i + 50) * MS);
        }
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void latencyRemovalFlushesHeldDataAndEndInOrder() {
        FakeLink link = new FakeLink("latency", Map.of("latency", 1_000L, "jitter", 0L), 1);
        link.send("ab".getBytes());
        link.send("cd".getBytes());
        link.sendEnd();

        link.remove();

        assertThat(new String(link.forwardedBytes())).isEqualTo("abcd");
        assertThat(link.endedAtNanos).isZero();
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void bandwidthReleasesTheLastByteWhenTheRateSays() {
        FakeLink link = new FakeLink("bandwidth", Map.of("rate", 1000L), 1);
        byte[] data = bytes(480_000, 3);
        link.send(data);
        link.sendEnd();
        link.advanceMillis(2_000);

        assertThat(link.forwardedBytes()).isEqualTo(data);
        assertThat(link.forwarded).allSatisfy(piece -> assertThat(piece.data().length).isLessThanOrEqualTo(100_000));
        assertThat(link.forwarded.get(link.forwarded.size() - 1).atNanos()).isEqualTo(480 * MS);
        assertThat(link.endedAtNanos).isEqualTo(480 * MS);
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void slicerCutsWithinTheVariationAndKeepsEveryByte() {
        FakeLink link = new FakeLink("slicer", Map.of("average_size", 1024L, "size_variation", 512L, "delay", 10L), 5);
        byte[] data = bytes(480_000, 4);
        link.send(data);
        link.advanceMillis(1_000);

        assertThat(link.forwardedBytes()).isEqualTo(data);
        assertThat(link.forwarded).hasSizeBetween(240, 720);
        List<FakeLink.Emitted> allButLast = link.forwarded.subList(0, link.forwarded.size() - 1);
        assertThat(allButLast).allSatisfy(s -> assertThat(s.data().length).isBetween(512, 1536));
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void slicerCutsReplayForTheSameSeed() {
        FakeLink first = new FakeLink("slicer", Map.of("average_size", 64L, "size_variation", 32L, "delay", 0L), 9);
        FakeLink second = new FakeLink("slicer", Map.of("average_size", 64L, "size_variation", 32L, "delay", 0L), 9);
        byte[] data = bytes(10_000, 1);
        first.send(data);
        second.send(data);
        first.advanceMillis(10);
        second.advanceMillis(10);

        assertThat(first.forwarded).extracting(e -> e.data().length)
                .isEqualTo(second.forwarded.stream().map(e -> e.data().length).toList());
    }

    @Test
    void slowCloseDelaysOnlyTheEnd() {
        FakeLink link = new FakeLink("slow_close", Map.of("delay", 200L), 1);
        link.send("data".getBytes());
        link.sendEnd();
        link.advanceMillis(199);
        assertThat(link.forwardedBytes()).isEqualTo("data".getBytes());
        assertThat(link.endedAtNanos).isNull();

        link.advanceMillis(1);

        assertThat(link.endedAtNanos).isEqualTo(200 * MS);
    }

    @Test
    void timeoutDropsEverythingAndClosesAfterItsDelay() {
        FakeLink link = new FakeLink("timeout", Map.of("timeout", 300L), 1);
        link.send("gone".getBytes());
        link.advanceMillis(299);
        assertThat(link.closed).isFalse();

        link.advanceMillis(1);

        assertThat(link.closed).isTrue();
        assertThat(link.forwarded).isEmpty();
        assertThat(link.droppedBytes).isEqualTo(4);
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void timeoutZeroNeverClosesButItsRemovalDoes() {
        FakeLink link = new FakeLink("timeout", Map.of("timeout", 0L), 1);
        link.advanceMillis(60_000);
        assertThat(link.closed).isFalse();

        link.remove();

        assertThat(link.closed).isTrue();
    }

    @Test
    void resetPeerDropsTheFirstChunkAndResetsAfterItsTimeout() {
        FakeLink link = new FakeLink("reset_peer", Map.of("timeout", 100L), 1);
        link.send("first".getBytes());
        link.advanceMillis(99);
        assertThat(link.reset).isFalse();

        link.advanceMillis(1);

        assertThat(link.reset).isTrue();
        assertThat(link.forwarded).isEmpty();
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void limitDataForwardsUpToTheLimitThenEnds() {
        FakeLink link = new FakeLink("limit_data", Map.of("bytes", 100L), 1);
        link.send(new byte[90]);
        link.send(new byte[20]);

        assertThat(link.forwardedBytes()).hasSize(100);
        assertThat(link.endedAtNanos).isNotNull();
        assertThat(link.droppedBytes).isEqualTo(10);
        assertThat(link.allReleased()).isTrue();
    }

    @Test
    void limitDataKeepsItsCountAcrossAnUpdate() {
        FakeLink before = new FakeLink("limit_data", Map.of("bytes", 100L), 1);
        before.send(new byte[90]);

        FakeLink after = new FakeLink("limit_data", Map.of("bytes", 120L), 1, before);
        after.send(new byte[50]);

        assertThat(after.forwardedBytes()).hasSize(30);
        assertThat(after.endedAtNanos).isNotNull();
    }

    @Test
    void cutHalfClosesItsReceiverAndDropsData() {
        FakeLink link = new FakeLink("cut", Map.of(), 1);
        link.send("lost".getBytes());

        assertThat(link.receiverShutdown).isTrue();
        assertThat(link.forwarded).isEmpty();
        assertThat(link.allReleased()).isTrue();
    }
}
