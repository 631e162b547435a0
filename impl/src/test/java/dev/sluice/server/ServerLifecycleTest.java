package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.NettyTransport;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.identity.Validity;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.NodeIdMismatchException;
import dev.sluice.tls.TlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
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

    private SluiceServer start(String host) throws Exception {
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO, serverApp).host(host).build());
        client = Loopback.newClient(loops, TlsProvider.AUTO, clientApp);
        return server;
    }

    private SluiceConnection connect(String host) throws Exception {
        return client.connect(host, server.port(), server.nodeId()).get(10, TimeUnit.SECONDS);
    }

    private static void assertEchoes(SluiceConnection connection, RecordingApplication.Handler clientSide, byte value)
            throws Exception {
        connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {value})));
        assertThat(clientSide.awaitMessage()).containsExactly(value);
    }

    private static boolean ipv6LoopbackUsable() {
        try {
            return InetAddress.getByName("::1") instanceof Inet6Address
                    && java.net.NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void portZeroBindsAFreePortThatCanBeReadBack() throws Exception {
        start("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(connect("127.0.0.1").isOpen()).isTrue();
    }

    @Test
    void theServerListensOnIpv6LoopbackAndTheClientTakesIpv6Literals() throws Exception {
        assumeThat(ipv6LoopbackUsable()).as("IPv6 loopback available").isTrue();
        start("::1");
        assertThat(server.localAddress().getAddress()).isInstanceOf(Inet6Address.class);
        SluiceConnection bare = connect("::1");
        SluiceConnection bracketed = connect("[::1]");
        assertThat(bare.info().remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(bracketed.isOpen()).isTrue();
    }

    @Test
    void aDualStackServerAcceptsIpv4AndIpv6Clients() throws Exception {
        assumeThat(ipv6LoopbackUsable()).as("IPv6 loopback available").isTrue();
        start("::");
        assertThat(connect("127.0.0.1").isOpen()).isTrue();
        assertThat(connect("::1").isOpen()).isTrue();
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void aGracefulStopClosesEveryConnectionWithGoingAwayAndStoppingTwiceIsHarmless() throws Exception {
        start("127.0.0.1");
        SluiceConnection first = connect("127.0.0.1");
        SluiceConnection second = connect("127.0.0.1");
        int port = server.port();

        assertThat(server.stop(Duration.ofSeconds(5))).isTrue();

        for (SluiceConnection connection : new SluiceConnection[] {first, second}) {
            assertThat(connection.terminated().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                    ConnectionClosedException.class, e -> {
                        assertThat(e.code()).isEqualTo(1001);
                        assertThat(e.byPeer()).isTrue();
                    });
        }
        assertThat(server.stop(Duration.ofSeconds(1))).isTrue();
        server.stopNow();
        try {
            client.connect("127.0.0.1", port, server.nodeId()).get(10, TimeUnit.SECONDS);
            throw new AssertionError("a stopped server must not accept connections");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessageContaining("cannot connect");
        }
    }

    @Test
    void aForcedStopDropsConnectionsWithoutACloseHandshake() throws Exception {
        start("127.0.0.1");
        SluiceConnection connection = connect("127.0.0.1");
        server.stopNow();
        assertThat(connection.terminated().get(5, TimeUnit.SECONDS)).isExactlyInstanceOf(ConnectionLostException.class);
        server.stopNow();
    }

    @Test
    void aGracefulStopDropsConnectionsThatDoNotAnswerByTheDeadline() throws Exception {
        start("127.0.0.1");
        SluiceConnection connection = connect("127.0.0.1");
        connection.channel().eventLoop().submit(() -> connection.channel().config().setAutoRead(false))
                .get(5, TimeUnit.SECONDS);
        long started = System.nanoTime();

        assertThat(server.stop(Duration.ofMillis(300))).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void aServerThatOwnsItsEventLoopsStartsAndStops() throws Exception {
        SluiceServer own = SluiceServer.start(ServerConfig.builder().identity(IDENTITY)
                .applicationHandler(serverApp).stopDeadline(Duration.ofSeconds(2)).build());
        try (SluiceClient ownClient = Loopback.newClient(loops, TlsProvider.AUTO, clientApp)) {
            SluiceConnection connection = ownClient.connect("127.0.0.1", own.port(), own.nodeId()).get(10, TimeUnit.SECONDS);
            assertThat(connection.isOpen()).isTrue();
        } finally {
            own.close();
        }
    }

    @Test
    void rotatedCertificatesServeNewConnectionsWhileExistingOnesKeepWorking() throws Exception {
        start("127.0.0.1");
        SluiceConnection before = connect("127.0.0.1");
        RecordingApplication.Handler beforeClient = clientApp.nextHandler();
        NodeIdentity renewed = IDENTITY.renewLeaf(Validity.defaultFromNow());

        server.rotateIdentity(renewed);
        SluiceConnection after = connect("127.0.0.1");
        RecordingApplication.Handler afterClient = clientApp.nextHandler();

        assertThat(before.info().peerCertificates().get(0)).isEqualTo(IDENTITY.leafCertificate());
        assertThat(after.info().peerCertificates().get(0)).isEqualTo(renewed.leafCertificate());
        assertEchoes(before, beforeClient, (byte) 7);
        assertEchoes(after, afterClient, (byte) 8);
    }

    @Test
    void rotatingToAnotherNodeChangesTheNodeIdNewClientsMustExpect() throws Exception {
        start("127.0.0.1");
        SluiceConnection before = connect("127.0.0.1");
        RecordingApplication.Handler beforeClient = clientApp.nextHandler();
        NodeIdentity other = NodeIdentity.generate();

        server.rotateIdentity(other);

        assertThat(server.nodeId()).isEqualTo(other.nodeId());
        try {
            client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
            throw new AssertionError("the old NodeId must no longer be proven");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(NodeIdMismatchException.class);
        }
        assertThat(connect("127.0.0.1").info().peerNodeId()).contains(other.nodeId());
        assertEchoes(before, beforeClient, (byte) 9);
    }

    @Test
    void theNioTransportServesConnectionsToo() throws Exception {
        SluiceServer nio = SluiceServer.start(ServerConfig.builder().identity(IDENTITY).applicationHandler(serverApp)
                .transport(NettyTransport.NIO).workerThreads(1).stopDeadline(Duration.ofSeconds(2)).build());
        try (SluiceClient nioClient = SluiceClient.create(dev.sluice.client.ClientConfig.builder()
                .applicationHandler(clientApp).transport(NettyTransport.NIO).build())) {
            SluiceConnection connection = nioClient.connect("127.0.0.1", nio.port(), nio.nodeId()).get(10, TimeUnit.SECONDS);
            assertThat(connection.channel()).isInstanceOf(io.netty.channel.socket.nio.NioSocketChannel.class);
            assertEchoes(connection, clientApp.nextHandler(), (byte) 3);
        } finally {
            nio.stop(Duration.ofSeconds(2));
        }
    }
}
