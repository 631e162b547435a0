package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stream layer over the real connection layer when the connection is closed under it. */
class CloseFrameStreamsTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static SharedEventLoops loops;

    private SluiceServer server;
    private SluiceClient client;

    @BeforeAll
    static void start() {
        loops = new SharedEventLoops();
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stopNow();
        }
    }

    @Test
    void aWriteAfterTheConnectionWasClosedFailsInsteadOfBeingDroppedAfterTheCloseFrame() throws Exception {
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO, null)
                .streamHandler(EchoHandler.INSTANCE).build());
        client = SluiceClient.create(Loopback.client(loops, TlsProvider.AUTO, null).streams().build());
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
