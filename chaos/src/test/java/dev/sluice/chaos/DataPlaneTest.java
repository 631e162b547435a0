package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Connection handling without toxics. */
class DataPlaneTest {

    @Test
    void relaysBytesBothWays() throws IOException {
        try (ProxyFixture fixture = ProxyFixture.echo(); TestClient client = fixture.connect()) {
            byte[] data = new byte[200_000];
            new java.util.Random(1).nextBytes(data);
            client.send(data);
            assertThat(client.readExactly(data.length)).isEqualTo(data);
        }
    }

    @Test
    void anUnreachableUpstreamAcceptsThenClosesTheClient() throws IOException {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        try (ChaosProxyServer server = ChaosProxyServer.start(ChaosConfig.ephemeral())) {
            Proxy proxy = server.client().createProxy("dead", "127.0.0.1:0", "127.0.0.1:" + deadPort);
            try (TestClient client = new TestClient(proxy.getListen())) {
                assertThat(client.readToEnd(2_000)).isEqualTo(TestClient.Ending.EOF);
            }
        }
    }

    @Test
    void theServerClosingEndsTheClientConnection() throws IOException {
        LoopbackServer greeter = new LoopbackServer(socket -> socket.getOutputStream().write("bye".getBytes()));
        try (ProxyFixture fixture = new ProxyFixture(greeter, ChaosConfig.ephemeral());
                TestClient client = fixture.connect()) {
            assertThat(new String(client.readExactly(3))).isEqualTo("bye");
            assertThat(client.readToEnd(2_000)).isEqualTo(TestClient.Ending.EOF);
        }
    }

    @Test
    void disablingTheProxyClosesOpenConnections() throws IOException {
        try (ProxyFixture fixture = ProxyFixture.echo(); TestClient client = fixture.connectWarm()) {
            fixture.proxy.disable();

            assertThat(client.readToEnd(2_000)).isEqualTo(TestClient.Ending.EOF);
        }
    }

    @Test
    void deletingTheProxyClosesOpenConnections() throws IOException {
        try (ProxyFixture fixture = ProxyFixture.echo(); TestClient client = fixture.connectWarm()) {
            fixture.proxy.delete();

            assertThat(client.readToEnd(2_000)).isEqualTo(TestClient.Ending.EOF);
        }
    }
}
