package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ToxiproxyEndpointTest {

    @Test
    void withoutAUrlItEmbedsAServer() throws IOException {
        try (ToxiproxyEndpoint endpoint = ToxiproxyEndpoint.resolve(null, ChaosConfig.ephemeral())) {
            assertThat(endpoint.isEmbedded()).isTrue();
            assertThat(endpoint.client().version()).contains("version");
        }
    }

    @Test
    void withAUrlItUsesThatServerAndLeavesItRunning() throws IOException {
        try (ChaosProxyServer external = ChaosProxyServer.start(ChaosConfig.ephemeral())) {
            try (ToxiproxyEndpoint endpoint = ToxiproxyEndpoint.resolve(external.url(), ChaosConfig.ephemeral())) {
                assertThat(endpoint.isEmbedded()).isFalse();
                assertThat(endpoint.server()).isEmpty();
                endpoint.client().createProxy("db", "127.0.0.1:0", "127.0.0.1:1");
            }
            assertThat(external.client().getProxy("db").getName()).isEqualTo("db");
        }
    }

    @Test
    void aUrlWithoutPortMeansToxiproxysPort() {
        try (ToxiproxyEndpoint endpoint = ToxiproxyEndpoint.resolve("http://toxiproxy.local", ChaosConfig.ephemeral())) {
            assertThat(endpoint.port()).isEqualTo(8474);
            assertThat(endpoint.url()).isEqualTo("http://toxiproxy.local:8474");
        }
    }

    @Test
    void aMalformedUrlIsRejectedClearly() {
        assertThatThrownBy(() -> ToxiproxyEndpoint.resolve("localhost:8474", ChaosConfig.ephemeral()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOXIPROXY_URL must look like http://host:8474, was: localhost:8474");
    }
}
