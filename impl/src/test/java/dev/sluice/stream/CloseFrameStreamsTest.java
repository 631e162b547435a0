package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stream layer over the real connection layer when the connection is closed under it. */
class CloseFrameStreamsTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    private SluiceServer server;
    private SluiceClient client;

    @Test
    void aWriteAfterTheConnectionWasClosedFailsInsteadOfBeingDroppedAfterTheCloseFrame() throws Exception {
        server = net.startServer(IDENTITY, TlsProvider.AUTO, null, b -> b.streamHandler(EchoHandler.INSTANCE));
        client = net.startClient(TlsProvider.AUTO, null, b -> b.streams());
        SluiceConnection connection = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId())
                .get(10, TimeUnit.SECONDS);
        SluiceStream s = Streams.session(connection).openStream();
        CompletableFuture<byte[]> echoed = StreamTestSupport.readAll(s);
        s.write(ByteBuffer.wrap(new byte[] {1})).toCompletableFuture().get(10, TimeUnit.SECONDS);

        connection.close(1000, "bye");
        CompletableFuture<Void> late = s.write(ByteBuffer.wrap(new byte[] {2})).toCompletableFuture();

        Throwable failure = StreamMultiplexerTest.catchCauseWithin(late, 10);
        assertThat(failure).isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
            assertThat(e.code()).isEqualTo(1000);
            assertThat(e.byPeer()).isFalse();
        });
        assertThat(StreamMultiplexerTest.catchCauseWithin(echoed, 10)).isSameAs(failure);
    }
}
