package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ProtocolViolationException;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.websocket.RawWebSocket;
import dev.sluice.websocket.WireFrames;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer that stops reading once the server's socket buffers are full, and then ends the
 * connection (a close frame, or a protocol violation): the server's reply close frame can never be
 * written, so only the close timeout can end the connection and free its socket.
 */
class StalledCloseTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    /** The close timeout, plus TLS's own bounded wait for its close_notify, plus a busy machine. */
    private static final Duration CLOSE_BOUND = CLOSE_TIMEOUT.plusSeconds(10);

    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    @Test
    void aPeerCloseAnsweredIntoAFullSocketEndsWithinTheCloseTimeout() throws Exception {
        ConnectionException cause = stallThenSend(WireFrames.client(WireFrames.CLOSE,
                WireFrames.closePayload(1000, "bye".getBytes(StandardCharsets.UTF_8))));
        assertThat(cause).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aViolationAnsweredIntoAFullSocketEndsWithinTheCloseTimeout() throws Exception {
        ConnectionException cause = stallThenSend(WireFrames.client(3, new byte[0]));
        assertThat(cause).isInstanceOf(ProtocolViolationException.class);
    }

    private ConnectionException stallThenSend(byte[] frame) throws Exception {
        StallingFirehose firehose = new StallingFirehose();
        ConnectionConfig connection = Loopback.FAST.toBuilder().closeTimeout(CLOSE_TIMEOUT).build();
        SluiceServer server = firehose.startServer(net, connection);
        try (RawWebSocket peer = RawWebSocket.connect(server.localAddress(), "/sluice")) {
            Channel channel = firehose.stalled.get(20, TimeUnit.SECONDS);
            peer.send(frame);
            ConnectionException cause = firehose.terminated.get(10, TimeUnit.SECONDS);
            long started = System.nanoTime();
            assertThat(channel.closeFuture().awaitUninterruptibly(CLOSE_BOUND.toMillis()))
                    .as("the server closed the socket its reply close frame could not be written to").isTrue();
            System.out.println("stalled close: socket closed " + (System.nanoTime() - started) / 1_000_000
                    + " ms after " + cause.getMessage());
            Await.until("the server forgets the connection", Duration.ofSeconds(5), () -> server.connectionCount() == 0);
            return cause;
        }
    }
}
