package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToxicEndpointsTest {
    private ChaosProxyServer server;
    private Proxy proxy;
    private RawApi raw;

    @BeforeEach
    void start() throws IOException {
        server = ChaosProxyServer.start(ChaosConfig.ephemeral());
        proxy = server.client().createProxy("db", "127.0.0.1:0", "127.0.0.1:1");
        raw = new RawApi(server.url());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void everyToxicTypeOfTheJavaClientRoundTrips() throws IOException {
        proxy.toxics().latency("l", ToxicDirection.DOWNSTREAM, 10).setJitter(5);
        proxy.toxics().bandwidth("b", ToxicDirection.UPSTREAM, 100);
        proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 10);
        proxy.toxics().timeout("t", ToxicDirection.UPSTREAM, 0);
        proxy.toxics().resetPeer("r", ToxicDirection.DOWNSTREAM, 10);
        proxy.toxics().slicer("s", ToxicDirection.UPSTREAM, 100, 10);
        proxy.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 1000);

        assertThat(proxy.toxics().get("l", Latency.class).getJitter()).isEqualTo(5);
        assertThat(proxy.toxics().get("l", Latency.class).getLatency()).isEqualTo(10);
        assertThat(proxy.toxics().get("b", Bandwidth.class).getRate()).isEqualTo(100);
        assertThat(proxy.toxics().get("sc", SlowClose.class).getDelay()).isEqualTo(10);
        assertThat(proxy.toxics().get("t", Timeout.class).getTimeout()).isZero();
        assertThat(proxy.toxics().get("r", ResetPeer.class).getTimeout()).isEqualTo(10);
        assertThat(proxy.toxics().get("s", Slicer.class).getAverageSize()).isEqualTo(100);
        assertThat(proxy.toxics().get("ld", LimitData.class).getBytes()).isEqualTo(1000);
    }

    @Test
    void listingPutsUpstreamFirstThenDownstreamInInsertionOrder() throws IOException {
        proxy.toxics().latency("d1", ToxicDirection.DOWNSTREAM, 1);
        proxy.toxics().latency("u1", ToxicDirection.UPSTREAM, 1);
        proxy.toxics().latency("d2", ToxicDirection.DOWNSTREAM, 1);
        proxy.toxics().latency("u2", ToxicDirection.UPSTREAM, 1);

        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("u1", "u2", "d1", "d2");
        assertThat(server.client().getProxy("db").toxics().getAll()).hasSize(4);
    }

    @Test
    void createAnswers200WithToxiproxysDefaults() throws IOException {
        RawApi.Answer answer = raw.send("POST", "/proxies/db/toxics", "{\"type\":\"latency\"}");

        assertThat(answer).isEqualTo(new RawApi.Answer(200, "{\"name\":\"latency_downstream\",\"type\":\"latency\","
                + "\"stream\":\"downstream\",\"toxicity\":1.0,\"attributes\":{\"latency\":0,\"jitter\":0}}"));
    }

    @Test
    void createErrorsCarryToxiproxysMessages() throws IOException {
        assertThat(raw.send("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"))
                .isEqualTo(new RawApi.Answer(400,
                        RawApi.error(400, "stream was invalid, can be either upstream or downstream")));
        assertThat(raw.send("POST", "/proxies/db/toxics", "{\"type\":\"noop\"}"))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "invalid toxic type")));
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1);
        assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 1))
                .hasMessage("[409] toxic already exists");
    }

    @Test
    void unknownToxicIs404OnEveryToxicRoute() throws IOException {
        String notFound = RawApi.error(404, "toxic not found");
        assertThat(raw.send("GET", "/proxies/db/toxics/nope", null)).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("POST", "/proxies/db/toxics/nope", "{}")).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("PATCH", "/proxies/db/toxics/nope", "{}")).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("DELETE", "/proxies/db/toxics/nope", null)).isEqualTo(new RawApi.Answer(404, notFound));
        assertThatThrownBy(() -> proxy.toxics().get("nope")).hasMessage("[404] toxic not found");
    }

    @Test
    void updateMergesAttributesAndToxicity() throws IOException {
        Latency latency = proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        latency.setJitter(7);
        latency.setToxicity(0.5f);

        RawApi.Answer patched = raw.send("PATCH", "/proxies/db/toxics/slow", "{\"attributes\":{\"latency\":200}}");

        assertThat(patched.status()).isEqualTo(200);
        Latency read = proxy.toxics().get("slow", Latency.class);
        assertThat(read.getLatency()).isEqualTo(200);
        assertThat(read.getJitter()).isEqualTo(7);
        assertThat(read.getToxicity()).isEqualTo(0.5f);
    }

    @Test
    void deleteAnswers204() throws IOException {
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);

        assertThat(raw.send("DELETE", "/proxies/db/toxics/slow", null)).isEqualTo(new RawApi.Answer(204, ""));
        assertThat(proxy.toxics().getAll()).isEmpty();
    }

    @Test
    void theJavaClientRemovesAToxic() throws IOException {
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100).remove();

        assertThat(proxy.toxics().getAll()).isEmpty();
    }
}
