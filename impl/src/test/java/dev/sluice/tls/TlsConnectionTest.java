package dev.sluice.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.UpgradeRejectedException;
import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.identity.Validity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLException;
import dev.sluice.identity.IdentityCertificates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The NodeId check and certificate failures over real loopback TLS, with each TLS provider. */
class TlsConnectionTest {
    private static SharedEventLoops loops;
    private static final NodeIdentity SERVER_IDENTITY = NodeIdentity.generate();

    private SluiceServer server;
    private SluiceClient client;

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

    private SluiceServer startServer(TlsProvider provider, NodeIdentity identity, ApplicationHandlerFactory app)
            throws Exception {
        server = SluiceServer.start(Loopback.server(loops, identity, provider, app).build());
        return server;
    }

    private static Throwable failureOf(java.util.concurrent.CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the connect to fail");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aClientExpectingTheServersNodeIdConnectsAndExchangesMessages(TlsProvider provider) throws Exception {
        RecordingApplication serverApp = RecordingApplication.echo();
        startServer(provider, SERVER_IDENTITY, serverApp);
        RecordingApplication clientApp = RecordingApplication.recorder();
        client = Loopback.newClient(loops, provider, clientApp);

        SluiceConnection connection = client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId())
                .get(10, TimeUnit.SECONDS);
        connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));

        assertThat(clientApp.nextHandler().awaitMessage()).containsExactly(1, 2, 3);
        assertThat(connection.info().peerNodeId()).contains(SERVER_IDENTITY.nodeId());
        assertThat(connection.info().peerCertificates()).containsExactlyElementsOf(SERVER_IDENTITY.chain());
        assertThat(connection.info().tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(connection.info().tlsProvider()).isEqualTo(provider.reportedName());
        assertThat(connection.info().subprotocol()).isEqualTo("sluice.v1");
        assertThat(server.tlsProvider()).isEqualTo(provider.reportedName());
        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        assertThat(serverSide.info.peerNodeId()).isEmpty();
        assertThat(serverSide.info.remoteAddress()).isEqualTo(connection.info().localAddress());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aServerProvingAnotherNodeIdFailsTheConnectNamingBothNodeIds(TlsProvider provider) throws Exception {
        startServer(provider, SERVER_IDENTITY, RecordingApplication.echo());
        client = Loopback.newClient(loops, provider, RecordingApplication.recorder());
        NodeIdentity expected = NodeIdentity.generate();

        Throwable failure = failureOf(client.connect("127.0.0.1", server.port(), expected.nodeId()));

        assertThat(failure).isInstanceOfSatisfying(NodeIdMismatchException.class, e -> {
            assertThat(e.expected()).isEqualTo(expected.nodeId());
            assertThat(e.presented()).isEqualTo(SERVER_IDENTITY.nodeId());
        }).hasMessageContaining(expected.nodeId().toString()).hasMessageContaining(SERVER_IDENTITY.nodeId().toString());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void anExpiredServerCertificateFailsTheConnectNamingItsDates(TlsProvider provider) throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        NodeIdentity expired = NodeIdentity.generate(new Validity(longAgo, longAgo.plus(Duration.ofDays(1))));
        startServer(provider, expired, RecordingApplication.echo());
        client = Loopback.newClient(loops, provider, RecordingApplication.recorder());

        Throwable failure = failureOf(client.connect("127.0.0.1", server.port(), expired.nodeId()));

        assertThat(failure).isInstanceOfSatisfying(CertificateValidityException.class, e -> assertThat(e.expired()).isTrue())
                .hasMessageContaining("root certificate").hasMessageContaining("expired")
                .hasMessageContaining(expired.rootCertificate().getNotAfter().toInstant().toString());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aCertificateNotYetValidOnTheClientsClockFailsTheConnect(TlsProvider provider) throws Exception {
        startServer(provider, SERVER_IDENTITY, RecordingApplication.echo());
        Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC);
        client = SluiceClient.create(Loopback.client(loops, provider, RecordingApplication.recorder()).clock(lastYear).build());

        Throwable failure = failureOf(client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId()));

        assertThat(failure).isInstanceOfSatisfying(CertificateValidityException.class, e -> assertThat(e.expired()).isFalse())
                .hasMessageContaining("not yet valid");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aLeafNotSignedByTheRootIsABrokenChain(TlsProvider provider) throws Exception {
        NodeIdentity other = NodeIdentity.generate();
        KeyPair leafKey = IdentityCertificates.generateLeafKeyPair();
        X509Certificate leafSignedByAnotherRoot = IdentityCertificates.leaf(leafKey.getPublic(),
                SERVER_IDENTITY.rootCertificate(), other.rootKeyPair().getPrivate(), Validity.defaultFromNow());
        NodeIdentity forged = new NodeIdentity(SERVER_IDENTITY.rootKeyPair(), SERVER_IDENTITY.rootCertificate(),
                leafKey.getPrivate(), leafSignedByAnotherRoot);
        startServer(provider, forged, RecordingApplication.echo());
        client = Loopback.newClient(loops, provider, RecordingApplication.recorder());

        Throwable failure = failureOf(client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId()));

        assertThat(failure).isInstanceOf(BrokenChainException.class).hasMessageContaining("not signed by the root");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void withMutualTlsTheServerLearnsTheClientsNodeId(TlsProvider provider) throws Exception {
        RecordingApplication serverApp = RecordingApplication.echo();
        server = SluiceServer.start(Loopback.server(loops, SERVER_IDENTITY, provider, serverApp)
                .clientAuth(ClientAuthMode.REQUIRE).build());
        NodeIdentity clientIdentity = NodeIdentity.generate();
        client = SluiceClient.create(Loopback.client(loops, provider, RecordingApplication.recorder())
                .identity(clientIdentity).build());

        client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);

        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        assertThat(serverSide.info.peerNodeId()).contains(clientIdentity.nodeId());
        assertThat(serverSide.info.peerCertificates()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aClientRefusedByTheAcceptorGets403(TlsProvider provider) throws Exception {
        NodeIdentity clientIdentity = NodeIdentity.generate();
        server = SluiceServer.start(Loopback.server(loops, SERVER_IDENTITY, provider, RecordingApplication.echo())
                .clientAuth(ClientAuthMode.REQUIRE)
                .clientAcceptor(info -> !info.peerNodeId().orElseThrow().equals(clientIdentity.nodeId()))
                .build());
        client = SluiceClient.create(Loopback.client(loops, provider, RecordingApplication.recorder())
                .identity(clientIdentity).build());

        Throwable failure = failureOf(client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId()));

        assertThat(failure).isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining(clientIdentity.nodeId().toString());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aClientWithoutCertificateCannotConnectWhenMutualTlsIsRequired(TlsProvider provider) throws Exception {
        server = SluiceServer.start(Loopback.server(loops, SERVER_IDENTITY, provider, RecordingApplication.echo())
                .clientAuth(ClientAuthMode.REQUIRE).build());
        client = Loopback.newClient(loops, provider, RecordingApplication.recorder());

        Throwable failure = failureOf(client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId()));

        assertThat(failure).isInstanceOf(SSLException.class).hasMessageContaining("TLS with 127.0.0.1:");
        assertThat(server.connectionCount()).isZero();
    }


    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void withOptionalMutualTlsAClientWithoutCertificateConnectsAnonymously(TlsProvider provider) throws Exception {
        RecordingApplication serverApp = RecordingApplication.echo();
        server = SluiceServer.start(Loopback.server(loops, SERVER_IDENTITY, provider, serverApp)
                .clientAuth(ClientAuthMode.OPTIONAL).build());
        client = Loopback.newClient(loops, provider, RecordingApplication.recorder());

        client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);

        RecordingApplication.Handler serverSide = serverApp.nextHandler();
        assertThat(serverSide.info.peerNodeId()).isEmpty();
        assertThat(serverSide.info.peerCertificates()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aServerOnOneProviderAndAClientOnTheOtherInteroperateWithMutualTls(TlsProvider serverProvider) throws Exception {
        TlsProvider clientProvider = serverProvider == TlsProvider.OPENSSL ? TlsProvider.JDK : TlsProvider.OPENSSL;
        RecordingApplication serverApp = RecordingApplication.echo();
        server = SluiceServer.start(Loopback.server(loops, SERVER_IDENTITY, serverProvider, serverApp)
                .clientAuth(ClientAuthMode.REQUIRE).build());
        NodeIdentity clientIdentity = NodeIdentity.generate();
        RecordingApplication clientApp = RecordingApplication.recorder();
        client = SluiceClient.create(Loopback.client(loops, clientProvider, clientApp).identity(clientIdentity).build());

        SluiceConnection connection = client.connect("127.0.0.1", server.port(), SERVER_IDENTITY.nodeId())
                .get(10, TimeUnit.SECONDS);
        connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {9})));

        assertThat(clientApp.nextHandler().awaitMessage()).containsExactly(9);
        assertThat(serverApp.nextHandler().info.peerNodeId()).contains(clientIdentity.nodeId());
        assertThat(connection.info().tlsProvider()).isEqualTo(clientProvider.reportedName());
    }
}
