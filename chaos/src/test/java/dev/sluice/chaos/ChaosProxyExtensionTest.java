package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.chaos.junit.ChaosProxyExtension;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ChaosProxyExtension.class)
class ChaosProxyExtensionTest {

    @AfterEach
    void cleanUp(ToxiproxyClient toxiproxy) throws IOException {
        for (Proxy proxy : toxiproxy.getProxies()) {
            proxy.delete();
        }
    }

    @Test
    void injectsAClientOfTheEmbeddedServer(ToxiproxyClient toxiproxy, ChaosProxyServer server) throws IOException {
        assumeTrue(System.getenv(ToxiproxyEndpoint.URL_VARIABLE) == null, "TOXIPROXY_URL names an external server");

        toxiproxy.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");

        assertThat(server.client().getProxy("db").getName()).isEqualTo("db");
    }

    @Test
    void theInjectedProxyServerCarriesTraffic(ToxiproxyClient toxiproxy) throws IOException {
        try (LoopbackServer echo = LoopbackServer.echo()) {
            Proxy proxy = toxiproxy.createProxy("echo", "127.0.0.1:0", echo.address());
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 50);
            try (TestClient client = new TestClient(proxy.getListen())) {
                long start = System.nanoTime();
                client.send("ping");
                assertThat(client.readExactly(4)).isEqualTo("ping".getBytes());
                assertThat(TestClient.millisSince(start)).isGreaterThanOrEqualTo(50L);
            }
        }
    }
}
