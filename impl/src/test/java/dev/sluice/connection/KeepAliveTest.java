package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Liveness over real loopback TLS: pings, the keep-alive timeout, and paused reads. */
class KeepAliveTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static final ConnectionConfig QUICK = ConnectionConfig.builder()
            .keepAliveInterval(Duration.ofMillis(100))
            .keepAliveTimeout(Duration.ofMillis(600))
            .closeTimeout(Duration.ofSeconds(1))
            .build();
    private static final ConnectionConfig SILENT = ConnectionConfig.builder()
            .keepAliveInterval(Duration.ZERO)
            .keepAliveTimeout(Duration.ZERO)
            .closeTimeout(Duration.ofSeconds(1))
            .build();
    /** Several keep-alive timeouts long: a connection that survives it is kept alive, not lucky. */
    private static final Duration OBSERVATION = Duration.ofMillis(1500);
    private static SharedEventLoops loops;

    private SluiceServer server;
    private SluiceClient client;
    private final RecordingApplication serverApp = RecordingApplication.echo();
    private final RecordingApplication clientApp = RecordingApplication.recorder();

    @BeforeAll
    static void startLoops() {
        loops = new SharedEventLoops();
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stopNow();
        }
    }

    private SluiceConnection connect(ConnectionConfig serverSide, ConnectionConfig clientSide) throws Exception {
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO, serverApp).connection(serverSide).build());
        client = SluiceClient.create(Loopback.client(loops, TlsProvider.AUTO, clientApp).connection(clientSide).build());
        return client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
    }

    private static void setAutoRead(io.netty.channel.Channel channel, boolean on) throws Exception {
        channel.eventLoop().submit(() -> channel.config().setAutoRead(on)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theServerFailsAClientThatStopsAnsweringPings() throws Exception {
        SluiceConnection connection = connect(QUICK, SILENT);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        long started = System.nanoTime();

        setAutoRead(connection.channel(), false);

        assertThat(serverSide.awaitTermination(10)).isInstanceOfSatisfying(KeepAliveTimeoutException.class,
                e -> assertThat(e.waitedMillis()).isEqualTo(600))
                .hasMessageStartingWith("connection lost: no frame from the peer within the keep-alive timeout of 600 ms")
                .hasMessageContaining("pinging every 100 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    @Test
    void theClientFailsAServerThatStopsAnsweringPings() throws Exception {
        SluiceConnection connection = connect(SILENT, QUICK);
        setAutoRead(serverApp.nextHandler().ctx.channel(), false);

        assertThat(connection.terminated().get(10, TimeUnit.SECONDS)).isInstanceOf(KeepAliveTimeoutException.class);
        assertThat(clientApp.nextHandler().awaitTermination(5)).isInstanceOf(KeepAliveTimeoutException.class);
    }

    @Test
    void pingsKeepAnIdleConnectionAliveOnBothSides() throws Exception {
        SluiceConnection connection = connect(QUICK, QUICK);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();

        assertThat(connection.terminated()).failsWithin(OBSERVATION);

        assertThat(serverSide.terminated).isNotDone();
        connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {5})));
        assertThat(clientApp.nextHandler().awaitMessage()).containsExactly(5);
    }

    @Test
    void aSideThatPausedItsOwnReadsDoesNotDeclareItsPeerDead() throws Exception {
        SluiceConnection connection = connect(QUICK, SILENT);
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        setAutoRead(serverSide.ctx.channel(), false);

        assertThat(serverSide.terminated).failsWithin(OBSERVATION);

        setAutoRead(serverSide.ctx.channel(), true);
        connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {6})));
        assertThat(clientApp.nextHandler().awaitMessage()).containsExactly(6);
        assertThat(serverSide.terminated).isNotDone();
    }
}
