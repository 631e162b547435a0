package dev.sluice.bench.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.EchoConnection;
import dev.sluice.bench.load.RawWebSocketConnector;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawEchoServerTest {
    private static final int MESSAGES = 20;

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void echoesEveryStampedMessageBackOverLoopback(boolean tls) throws Exception {
        List<Long> echoed = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(MESSAGES);
        try (RawEchoServer server = RawEchoServer.start(tls, 1);
             RawWebSocketConnector connector = new RawWebSocketConnector(URI.create(server.url()), 1)) {
            assertThat(server.url()).startsWith(tls ? "wss://127.0.0.1:" : "ws://127.0.0.1:");
            EchoConnection connection = connector.connect((c, stamp) -> {
                echoed.add(stamp);
                all.countDown();
            }).get(30, TimeUnit.SECONDS);
            for (long i = 0; i < MESSAGES; i++) {
                connection.send(i, i % 2 == 0 ? 64 : 100_000);
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).as("all echoes arrived").isTrue();
            assertThat(echoed).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, MESSAGES).boxed().toList());
            assertThat(server.connectionCount()).isEqualTo(1);
            connection.close();
        }
    }
}
