package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The application-handler contract (impl/CONNECTIONS.md) over real loopback TLS. */
class ApplicationContractTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    private SluiceServer server;
    private SluiceClient client;
    private RecordingApplication serverApp = RecordingApplication.echo();
    private final RecordingApplication clientApp = RecordingApplication.recorder();

    private SluiceConnection connect(ConnectionConfig serverConnection) throws Exception {
        server = net.startServer(IDENTITY, TlsProvider.AUTO, serverApp, b -> b.connection(serverConnection));
        client = net.startClient(TlsProvider.AUTO, clientApp);
        return client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theApplicationHandlerIsTheLastHandlerOnBothSides() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST);
        List<String> clientNames = connection.channel().pipeline().names();
        assertThat(clientNames.get(clientNames.size() - 2)).isEqualTo(ApplicationHandlerFactory.HANDLER_NAME);
        assertThat(connection.channel().pipeline().get(ApplicationHandlerFactory.HANDLER_NAME))
                .isSameAs(connection.applicationHandler());
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        List<String> serverNames = serverSide.ctx.pipeline().names();
        assertThat(serverNames.get(serverNames.size() - 2)).isEqualTo(ApplicationHandlerFactory.HANDLER_NAME);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void binaryAndTextMessagesReachTheApplicationAndFragmentsArriveAggregated() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        connection.channel().writeAndFlush(new TextWebSocketFrame("hello"));
        connection.channel().write(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        connection.channel().writeAndFlush(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {3})));

        assertThat(new String(serverSide.awaitMessage(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(serverSide.awaitMessage()).containsExactly(1, 2, 3);
        assertThat(clientApp.nextHandler().awaitMessage()).containsExactly(1, 2, 3);
    }

    @Test
    void aCloseStartedByTheClientReachesBothApplicationsWithCodeAndReasonOnce() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        RecordingApplication.Handler clientSide = clientApp.nextHandler();

        ConnectionException clientCause = connection.close(4000, "done here").get(5, TimeUnit.SECONDS);

        assertThat(clientCause).isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
            assertThat(e.code()).isEqualTo(4000);
            assertThat(e.reason()).isEqualTo("done here");
            assertThat(e.byPeer()).isFalse();
        });
        assertThat(serverSide.awaitTermination(5)).isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
            assertThat(e.code()).isEqualTo(4000);
            assertThat(e.reason()).isEqualTo("done here");
            assertThat(e.byPeer()).isTrue();
        });
        serverSide.inactive.get(5, TimeUnit.SECONDS);
        clientSide.inactive.get(5, TimeUnit.SECONDS);
        assertThat(serverSide.terminations).hasSize(1);
        assertThat(clientSide.terminations).containsExactly(clientCause);
        Await.until("the server forgets the connection", Duration.ofSeconds(5), () -> server.connectionCount() == 0);
    }

    @Test
    void aCloseFrameWrittenByTheApplicationRunsTheCloseHandshakeAndASecondOneIsNotSent() throws Exception {
        connect(Loopback.FAST);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        RecordingApplication.Handler clientSide = clientApp.nextHandler();

        serverSide.ctx.channel().eventLoop().execute(() -> {
            serverSide.ctx.writeAndFlush(new CloseWebSocketFrame(1001, "going"));
            serverSide.ctx.writeAndFlush(new CloseWebSocketFrame(1000, "again"));
        });

        assertThat(clientSide.awaitTermination(5)).isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
            assertThat(e.code()).isEqualTo(1001);
            assertThat(e.byPeer()).isTrue();
        });
        assertThat(serverSide.awaitTermination(5)).isInstanceOfSatisfying(ConnectionClosedException.class,
                e -> assertThat(e.byPeer()).isFalse());
    }

    @Test
    void eofWithoutACloseFrameIsAConnectionLost() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();

        connection.abort();

        assertThat(serverSide.awaitTermination(5)).isExactlyInstanceOf(ConnectionLostException.class)
                .hasMessage("connection lost: EOF without a close frame");
        assertThat(connection.terminated().get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void closingAConnectionWhoseClientWasClosedReturnsItsEndInsteadOfThrowing() throws Exception {
        server = net.startServer(IDENTITY, TlsProvider.AUTO, serverApp);
        SluiceConnection connection;
        try (SluiceClient own = SluiceClient.create(dev.sluice.client.ClientConfig.builder().connection(Loopback.FAST)
                .applicationHandler(clientApp).threads(1).build())) {
            connection = own.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
        }

        assertThat(connection.close(1000, "late").get(30, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void aMessageLargerThanTheLimitClosesWith1009() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST.toBuilder().maxMessageSize(1000).build());
        RecordingApplication.Handler serverSide = serverApp.nextHandler();

        connection.channel().write(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])));
        connection.channel().writeAndFlush(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[600])));

        assertThat(serverSide.awaitTermination(5)).isInstanceOfSatisfying(ProtocolViolationException.class, e -> {
            assertThat(e.closeCode()).isEqualTo(1009);
            assertThat(e.byPeer()).isFalse();
        }).hasMessageContaining("1000 bytes");
        assertThat(connection.terminated().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ConnectionClosedException.class,
                e -> assertThat(e.code()).isEqualTo(1009));
        assertThat(serverSide.received).isEmpty();
    }

    @Test
    void aFrameLargerThanTheLimitClosesWith1009() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST.toBuilder().maxFrameSize(500).build());
        RecordingApplication.Handler serverSide = serverApp.nextHandler();

        connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[501])));

        assertThat(serverSide.awaitTermination(5)).isInstanceOfSatisfying(ProtocolViolationException.class,
                e -> assertThat(e.closeCode()).isEqualTo(1009));
        assertThat(connection.terminated().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ConnectionClosedException.class,
                e -> assertThat(e.code()).isEqualTo(1009));
    }

    @Test
    void whatTheServerApplicationWritesAsSoonAsItIsAddedReachesTheClient() throws Exception {
        serverApp = RecordingApplication.greeter(new byte[] {42, 43});
        SluiceConnection connection = connect(Loopback.FAST);
        assertThat(clientApp.nextHandler().awaitMessage()).containsExactly(42, 43);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void writeBufferWaterMarksAreConfiguredOnBothSides() throws Exception {
        ConnectionConfig marks = Loopback.FAST.toBuilder().writeBufferWaterMarks(1000, 5000).build();
        server = net.startServer(IDENTITY, TlsProvider.AUTO, serverApp, b -> b.connection(marks));
        client = net.startClient(TlsProvider.AUTO, clientApp, b -> b.connection(marks));
        SluiceConnection connection = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
        assertThat(connection.channel().config().getWriteBufferWaterMark().high()).isEqualTo(5000);
        assertThat(serverApp.nextHandler().ctx.channel().config().getWriteBufferWaterMark().low()).isEqualTo(1000);
    }

    @Test
    void aPeerThatNeverAnswersTheCloseFrameIsDisconnectedAfterTheCloseTimeout() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST.toBuilder().closeTimeout(Duration.ofMillis(300)).build());
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        connection.channel().eventLoop().submit(() -> connection.channel().config().setAutoRead(false)).get(5, TimeUnit.SECONDS);
        long started = System.nanoTime();

        serverSide.ctx.channel().writeAndFlush(new CloseWebSocketFrame(1000, "bye"));

        assertThat(serverSide.awaitTermination(5)).isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
            assertThat(e.code()).isEqualTo(1000);
            assertThat(e.byPeer()).isFalse();
        });
        serverSide.inactive.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void aResetConnectionIsAConnectionLost() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();

        connection.channel().config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
        connection.abort();

        assertThat(serverSide.awaitTermination(5)).isInstanceOf(ConnectionLostException.class)
                .hasMessageStartingWith("connection lost: ");
        assertThat(serverSide.terminations).hasSize(1);
    }

    @Test
    void invalidUtf8InATextMessageClosesWith1007() throws Exception {
        SluiceConnection connection = connect(Loopback.FAST);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();

        connection.channel().writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0xc3, 0x28})));

        assertThat(serverSide.awaitTermination(5)).isInstanceOfSatisfying(ProtocolViolationException.class,
                e -> assertThat(e.closeCode()).isEqualTo(1007));
        assertThat(connection.terminated().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ConnectionClosedException.class,
                e -> assertThat(e.code()).isEqualTo(1007));
        assertThat(serverSide.received).isEmpty();
    }
}
