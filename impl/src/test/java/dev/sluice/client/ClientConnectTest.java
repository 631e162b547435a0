package dev.sluice.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.identity.NodeIdentity;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ClientConnectTest {
    private static SharedEventLoops loops;

    @BeforeAll
    static void startLoops() {
        loops = new SharedEventLoops();
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
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
    void theConnectTimeoutCoversAPeerThatAcceptsTcpButNeverAnswers(TlsProvider provider) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SluiceClient client = SluiceClient.create(Loopback.client(loops, provider, RecordingApplication.recorder())
                        .connectTimeout(Duration.ofMillis(300)).build())) {
            long started = System.nanoTime();

            Throwable failure = failureOf(client.connect("127.0.0.1", silent.getLocalPort(), NodeIdentity.generate().nodeId()));

            assertThat(failure).isInstanceOfSatisfying(ConnectTimeoutException.class,
                    e -> assertThat(e.stage()).isEqualTo("TLS handshake"))
                    .hasMessageContaining("timed out after 300 ms during the TLS handshake");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        }
    }

    @Test
    void aRefusedTcpConnectionFailsWithTheTarget() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (SluiceClient client = Loopback.newClient(loops, TlsProvider.AUTO, RecordingApplication.recorder())) {
            Throwable failure = failureOf(client.connect("127.0.0.1", port, NodeIdentity.generate().nodeId()));
            assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("cannot connect to 127.0.0.1:" + port);
        }
    }
}
