package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.stream.EchoHandler;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamSession;
import dev.sluice.stream.StreamTestSupport;
import dev.sluice.stream.Streams;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server stop that first stops accepting, then lets each stream session end on its own terms. */
class ServerGracefulStopTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    private SluiceServer server;
    private SluiceClient client;

    private StreamSession connect() throws Exception {
        server = net.startServer(IDENTITY, TlsProvider.AUTO, null, b -> b.streamHandler(EchoHandler.INSTANCE));
        client = net.startClient(TlsProvider.AUTO, null, b -> b.streams());
        SluiceConnection connection = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
        return Streams.session(connection);
    }

    private static boolean refusesTcp(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 1000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    @Test
    void stopAcceptingRefusesNewConnectionsAndKeepsEstablishedOnesWorking() throws Exception {
        StreamSession session = connect();
        InetSocketAddress address = server.localAddress();
        server.stopAccepting();
        server.stopAccepting();
        assertThat(refusesTcp(address)).as("the listening socket is closed").isTrue();
        assertThatThrownBy(() -> client.connect("127.0.0.1", address.getPort(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
        SluiceStream stream = session.openStream();
        CompletableFuture<byte[]> echoed = StreamTestSupport.readAll(stream);
        StreamTestSupport.writeAll(stream, new byte[] {4, 5, 6}, 3).get(10, TimeUnit.SECONDS);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).containsExactly(4, 5, 6);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aStopLetsOpenStreamsFinishThenTheStreamLayerClosesWith1000() throws Exception {
        StreamSession session = connect();
        InetSocketAddress address = server.localAddress();
        SluiceStream stream = session.openStream();
        CompletableFuture<byte[]> echoed = StreamTestSupport.readAll(stream);
        stream.write(ByteBuffer.wrap(new byte[] {1, 2, 3})).toCompletableFuture().get(10, TimeUnit.SECONDS);

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
            try {
                return server.stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        Await.until("the server stops accepting", Duration.ofSeconds(10), () -> refusesTcp(address));
        assertThat(stopped).as("the stop waits for the open stream").isNotDone();

        StreamTestSupport.writeAll(stream, new byte[] {7, 8, 9}, 3).get(10, TimeUnit.SECONDS);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3, 7, 8, 9);
        assertThat(stopped.get(15, TimeUnit.SECONDS)).as("every connection ended within the deadline").isTrue();
        ConnectionException end = session.terminationFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(end).isInstanceOfSatisfying(ConnectionClosedException.class, closed -> {
            assertThat(closed.code()).isEqualTo(1000);
            assertThat(closed.byPeer()).isTrue();
        });
    }
}
