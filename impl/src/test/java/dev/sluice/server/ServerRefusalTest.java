package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.UpgradeRejectedException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RawTls;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Everything that is not a proper Sluice upgrade is refused before the WebSocket exists. */
class ServerRefusalTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static SharedEventLoops loops;

    private SluiceServer server;

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
        if (server != null) {
            server.stopNow();
        }
    }

    private SluiceServer start(TlsProvider provider, java.util.function.UnaryOperator<ServerConfig.Builder> tweak)
            throws Exception {
        server = SluiceServer.start(tweak.apply(Loopback.server(loops, IDENTITY, provider, RecordingApplication.echo()))
                .build());
        return server;
    }

    private static String exchange(Socket socket, String request) throws Exception {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawTls.readUntilClosed(socket);
        }
    }

    private static String upgradeRequest(String path, String subprotocol) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aPlainHttpRequestOverTlsGets426AndTheConnectionCloses(TlsProvider provider) throws Exception {
        start(provider, b -> b);
        String response = exchange(RawTls.connect(server.localAddress()), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 426 Upgrade Required").containsIgnoringCase("upgrade: websocket")
                .contains("sluice.v1");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void plaintextBytesOnTheTlsPortEndTheConnectionWithoutAnHttpAnswer(TlsProvider provider) throws Exception {
        start(provider, b -> b);
        String response = exchange(RawTls.connectPlain(server.localAddress()), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(response).doesNotContain("HTTP/1.1");
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void anUpgradeOnAnotherPathGets404() throws Exception {
        start(TlsProvider.AUTO, b -> b);
        assertThat(exchange(RawTls.connect(server.localAddress()), upgradeRequest("/other", "sluice.v1")))
                .startsWith("HTTP/1.1 404");
    }

    @Test
    void anUpgradeWithoutTheSluiceSubprotocolGets400() throws Exception {
        start(TlsProvider.AUTO, b -> b);
        assertThat(exchange(RawTls.connect(server.localAddress()), upgradeRequest("/sluice", "chat")))
                .startsWith("HTTP/1.1 400").contains("sluice.v1");
    }

    @Test
    void anUpgradeWithoutAVersionGets426NamingVersion13AndHoldsNoSlot() throws Exception {
        start(TlsProvider.AUTO, b -> b.maxConnections(1));
        String noVersion = upgradeRequest("/sluice", "sluice.v1").replace("Sec-WebSocket-Version: 13\r\n", "")
                .replace("\r\n\r\n", "\r\nOrigin: http://localhost\r\n\r\n");
        for (int i = 0; i < 3; i++) {
            assertThat(exchange(RawTls.connect(server.localAddress()), noVersion)).startsWith("HTTP/1.1 426")
                    .containsIgnoringCase("sec-websocket-version: 13");
        }
        try (SluiceClient client = Loopback.newClient(loops, TlsProvider.AUTO, RecordingApplication.recorder())) {
            assertThat(client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS).isOpen())
                    .as("the one slot is free").isTrue();
        }
    }

    @Test
    void onlyListedOriginsMayConnectAndRequestsWithoutOneAlwaysMay() throws Exception {
        start(TlsProvider.AUTO, b -> b.allowedOrigins(java.util.List.of("https://app.example.com")));
        String request = upgradeRequest("/sluice", "sluice.v1");
        String listed = request.replace("\r\n\r\n", "\r\nOrigin: https://app.example.com\r\n\r\n");
        String other = request.replace("\r\n\r\n", "\r\nOrigin: https://evil.example\r\n\r\n");
        assertThat(exchange(RawTls.connect(server.localAddress()), other)).startsWith("HTTP/1.1 403")
                .contains("origin https://evil.example is not allowed");
        try (Socket socket = RawTls.connect(server.localAddress())) {
            socket.getOutputStream().write(listed.getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        }
        try (Socket socket = RawTls.connect(server.localAddress())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        }
    }

    @Test
    void aClientThatNeverStartsTlsIsDroppedAfterTheHandshakeTimeout() throws Exception {
        start(TlsProvider.AUTO, b -> b.tlsHandshakeTimeout(Duration.ofMillis(300)));
        long started = System.nanoTime();
        try (Socket socket = RawTls.connectPlain(server.localAddress())) {
            RawTls.readUntilClosed(socket);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void aClientThatSendsNothingAfterTlsIsDroppedAfterTheUpgradeTimeout() throws Exception {
        start(TlsProvider.AUTO, b -> b.upgradeTimeout(Duration.ofMillis(300)));
        long started = System.nanoTime();
        try (Socket socket = RawTls.connect(server.localAddress())) {
            assertThat(RawTls.readUntilClosed(socket)).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void aClientThatSendsHalfARequestIsDroppedAfterTheUpgradeTimeout() throws Exception {
        start(TlsProvider.AUTO, b -> b.upgradeTimeout(Duration.ofMillis(300)));
        String half = upgradeRequest("/sluice", "sluice.v1").substring(0, 60);
        assertThat(exchange(RawTls.connect(server.localAddress()), half)).isEmpty();
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWith503BeforeTheUpgrade() throws Exception {
        start(TlsProvider.AUTO, b -> b.maxConnections(1));
        try (SluiceClient client = Loopback.newClient(loops, TlsProvider.AUTO, RecordingApplication.recorder())) {
            SluiceConnection first = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
            try {
                client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
                throw new AssertionError("the second connection should have been refused");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(UpgradeRejectedException.class,
                        r -> assertThat(r.status()).isEqualTo(503)).hasMessageContaining("limit of 1 connections");
            }
            first.close(1000, "").get(5, TimeUnit.SECONDS);
            first.closeFuture().await(5, TimeUnit.SECONDS);
            dev.sluice.testsupport.Await.until("the slot is released", Duration.ofSeconds(5), () -> server.connectionCount() == 0);
            assertThat(client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS).isOpen()).isTrue();
        }
    }
}
