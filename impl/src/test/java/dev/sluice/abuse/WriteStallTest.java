package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.WriteStallTimeoutException;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.websocket.RawWebSocket;
import dev.sluice.websocket.WireFrames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer that never reads but keeps sending pings, so the keep-alive sees it alive: the write
 * stall timeout ends the connection once the server's writes have waited that long.
 */
class WriteStallTest {
    private static final Duration WRITE_STALL_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    @Test
    void aPeerThatPingsButNeverReadsIsDisconnectedAfterTheWriteStallTimeout() throws Exception {
        StallingFirehose firehose = new StallingFirehose();
        ConnectionConfig connection = Loopback.FAST.toBuilder()
                .keepAliveInterval(Duration.ofMillis(200))
                .keepAliveTimeout(Duration.ofMillis(600))
                .writeStallTimeout(WRITE_STALL_TIMEOUT)
                .build();
        SluiceServer server = firehose.startServer(net, connection);
        try (RawWebSocket peer = RawWebSocket.connect(server.localAddress(), "/sluice")) {
            firehose.stalled.get(20, TimeUnit.SECONDS);
            long stalledAt = System.nanoTime();
            // bounded: a ping every 100 ms (well inside the 600 ms keep-alive timeout) for at most 20 s
            for (int i = 0; i < 200 && !firehose.terminated.isDone(); i++) {
                peer.send(WireFrames.client(WireFrames.PING, new byte[0]));
                try {
                    firehose.terminated.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillOpen) {
                    // keep pinging
                }
            }
            ConnectionException cause = firehose.terminated.getNow(null);
            long millis = (System.nanoTime() - stalledAt) / 1_000_000;
            System.out.println("write stall: ended " + millis + " ms after the channel turned unwritable by "
                    + (cause == null ? "nothing" : cause.getMessage()));
            assertThat(cause).isInstanceOf(WriteStallTimeoutException.class)
                    .hasMessageContaining("peer read nothing for 1000 ms while ");
            assertThat(((WriteStallTimeoutException) cause).pendingBytes()).isGreaterThan(0);
            assertThat(millis).isGreaterThanOrEqualTo(WRITE_STALL_TIMEOUT.toMillis() - 50).isLessThan(10_000);
        }
        Await.until("the server forgets the connection", Duration.ofSeconds(10), () -> server.connectionCount() == 0);
    }
}
