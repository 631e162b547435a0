package dev.sluice.bench.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.EchoConnection;
import dev.sluice.connection.SluiceConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SluiceTargetsTest {
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {64, 40_000})
    void theStreamEchoCutsEveryStampedMessageBackOutOfTheByteStream(int size) throws Exception {
        int messages = 12;
        List<Long> echoed = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(messages);
        try (SluiceEchoServer server = SluiceEchoServer.start(1);
             SluiceStreamConnector connector = new SluiceStreamConnector(URI.create(server.url()),
                     server.connectDetails(), 1)) {
            EchoConnection connection = connector.connect((c, stamp) -> {
                echoed.add(stamp);
                all.countDown();
            }).get(30, TimeUnit.SECONDS);
            for (long i = 0; i < messages; i++) {
                connection.send(1_000 + i, size);
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).as("all echoes arrived").isTrue();
            assertThat(echoed).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(1_000, 1_000 + messages).boxed().toList());
            connection.close();
        }
    }

    @Test
    void aSlowConsumerKeepsTheWritersOutstandingBytesWithinWindowPlusOneFrame() throws Exception {
        BackPressureResult result = BackPressureRun.run(Duration.ofMillis(1500), TimeUnit.MILLISECONDS.toNanos(8));

        assertThat(result.withinLimit()).as(result.verdict()).isTrue();
        assertThat(result.peakOutstandingBytes()).isPositive();
        assertThat(result.producerStallFraction()).as("the producer mostly waited").isGreaterThan(0.5);
    }

    @Test
    void theServerNoticesAFrozenPeerWithinItsKeepAliveTimeout() throws Exception {
        try (FrozenPeerRig rig = new FrozenPeerRig(Duration.ofMillis(100), Duration.ofMillis(300))) {
            SluiceConnection connection = rig.connect();
            long detectedNanos = rig.freezeAndAwaitDetection(connection);

            assertThat(Duration.ofNanos(detectedNanos)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
