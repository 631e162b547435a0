package dev.sluice.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.identity.NodeIdentity;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientConnectTest {
    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void theConnectTimeoutCoversAPeerThatAcceptsTcpButNeverAnswers(TlsProvider provider) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SluiceClient client = SluiceClient.create(Loopback.client(net.loops(), provider, RecordingApplication.recorder())
                        .connectTimeout(Duration.ofMillis(300)).build())) {
            long started = System.nanoTime();

            Throwable failure = Await.failureOf(client.connect("127.0.0.1", silent.getLocalPort(), NodeIdentity.generate().nodeId()));

            assertThat(failure).isInstanceOfSatisfying(ConnectTimeoutException.class,
                    e -> assertThat(e.stage()).isEqualTo("TLS handshake"))
                    .hasMessageContaining("timed out after 300 ms during the TLS handshake");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        }
    }

    @Test
    void aConnectAbandonedByCancellingItsFutureStillClosesTheSocketAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SluiceClient client = SluiceClient.create(Loopback.client(net.loops(), TlsProvider.AUTO, RecordingApplication.recorder())
                        .connectTimeout(Duration.ofSeconds(1)).build())) {
            client.connect("127.0.0.1", silent.getLocalPort(), NodeIdentity.generate().nodeId()).cancel(false);

            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(10_000);
                InputStream in = accepted.getInputStream();
                byte[] sink = new byte[4096];
                while (in.read(sink) >= 0) {
                    // the client's TLS hello: the client should close after its connect deadline
                }
            }
        }
    }

    @Test
    void aRefusedTcpConnectionFailsWithTheTarget() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (SluiceClient client = Loopback.newClient(net.loops(), TlsProvider.AUTO, RecordingApplication.recorder())) {
            Throwable failure = Await.failureOf(client.connect("127.0.0.1", port, NodeIdentity.generate().nodeId()));
            assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("cannot connect to 127.0.0.1:" + port);
        }
    }
}
