package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.tls.TlsProvider;
import dev.sluice.websocket.RawWebSocket;
import dev.sluice.websocket.WireFrames;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The peer reads the close code: after a violation the server reads and discards what the peer
 * still sends instead of closing TCP over unread bytes (which resets the connection and destroys
 * the close frame on its way), and a keep-alive timeout says why in a close frame.
 */
class CloseArrivesTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static final int MAX_MESSAGE = 4 * 1024 * 1024;
    private static final int TRIES = 10;

    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    private final RecordingApplication serverApp = RecordingApplication.echo();

    @Test
    void aPeerStillSendingAnOversizedMessageReadsTheCloseCode1009EveryTime() throws Exception {
        SluiceServer server = net.startServer(IDENTITY, TlsProvider.AUTO, serverApp);
        byte[] oversized = WireFrames.client(WireFrames.BINARY, new byte[MAX_MESSAGE + 1]);
        for (int i = 0; i < TRIES; i++) {
            try (RawWebSocket peer = RawWebSocket.connect(server.localAddress(), "/sluice")) {
                // writes on while the close frame comes back, as a client sending one big message does
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    try {
                        peer.send(oversized);
                    } catch (IOException e) {
                        // a reset ends the write; what the peer read is what counts
                    }
                });
                List<WireFrames.Frame> frames = peer.readUntilClosed();
                assertThat(frames).as("try %d", i).singleElement().satisfies(close -> {
                    assertThat(close.opcode()).isEqualTo(WireFrames.CLOSE);
                    assertThat(close.closeCode()).isEqualTo(1009);
                    assertThat(close.closeReason()).isEqualTo("frame of 4194305 bytes exceeds the limit of 1048576 bytes");
                });
                writing.join();
            }
            assertThat(serverApp.nextHandler().awaitTermination(5)).isInstanceOf(ProtocolViolationException.class);
        }
    }

    @Test
    void aKeepAliveTimeoutSendsCloseFrame1011WithTheReasonBeforeTheConnectionEnds() throws Exception {
        ConnectionConfig quick = Loopback.FAST.toBuilder()
                .keepAliveInterval(Duration.ofMillis(100))
                .keepAliveTimeout(Duration.ofMillis(600))
                .build();
        SluiceServer server = net.startServer(IDENTITY, TlsProvider.AUTO, serverApp, b -> b.connection(quick));
        try (RawWebSocket silent = RawWebSocket.connect(server.localAddress(), "/sluice")) {
            List<WireFrames.Frame> frames = silent.readUntilClosed();

            assertThat(frames).extracting(WireFrames.Frame::opcode).contains(WireFrames.PING).last()
                    .isEqualTo(WireFrames.CLOSE);
            WireFrames.Frame close = frames.get(frames.size() - 1);
            assertThat(close.closeCode()).isEqualTo(1011);
            assertThat(close.closeReason()).isEqualTo("keep-alive timeout: no frame for 600 ms");
        }
        assertThat(serverApp.nextHandler().awaitTermination(5)).isInstanceOf(KeepAliveTimeoutException.class);
    }
}
