package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics}: Toxiproxy's byte counters and labels, fed by real traffic, in the Prometheus
 * text format; 404 when no metrics are switched on.
 */
class MetricsEndpointTest {
    /** Bytes the client sends upstream; the server answers {@link #REPLY_BYTES} back, so the two directions differ. */
    private static final int REQUEST_BYTES = 300_001;
    private static final int REPLY_BYTES = 123_457;
    private static final Pattern SAMPLE = Pattern.compile("^(toxiproxy_proxy_(?:received|sent)_bytes_total)\\{(.*)} (\\S+)$");

    @Test
    void byteCountersEqualTheBytesSentEachWay() throws Exception {
        ChaosConfig config = ChaosConfig.builder().port(0).proxyMetrics(true).build();
        try (ProxyFixture fixture = new ProxyFixture(requestReplyServer(), config)) {
            RawApi raw = new RawApi(fixture.server.url());
            for (int connection = 0; connection < 2; connection++) {
                exchange(fixture);
            }
            String listener = fixture.proxy.getListen();
            String upstream = fixture.upstream.address();

            Polling.await(() -> countersOf(raw).equals(expected(2, listener, upstream)), 5_000,
                    "byte counters equal to the bytes of two exchanges");

            RawApi.Answer answer = raw.send("GET", "/metrics", null);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body())
                    .contains("# TYPE toxiproxy_proxy_received_bytes_total counter")
                    .contains("# TYPE toxiproxy_proxy_sent_bytes_total counter");
            assertThat(countersOf(raw)).isEqualTo(expected(2, listener, upstream));
        }
    }

    @Test
    void whatAToxicDropsIsReceivedButNotSent() throws Exception {
        ChaosConfig config = ChaosConfig.builder().port(0).proxyMetrics(true).build();
        try (ProxyFixture fixture = new ProxyFixture(LoopbackServer.echo(), config)) {
            fixture.proxy.toxics().timeout("hole", ToxicDirection.UPSTREAM, 0);
            RawApi raw = new RawApi(fixture.server.url());
            String up = labels("upstream", fixture.proxy.getListen(), fixture.upstream.address());
            try (TestClient client = fixture.connect()) {
                client.send(new byte[10_000]);

                Polling.await(() -> countersOf(raw).getOrDefault("toxiproxy_proxy_received_bytes_total" + up, 0.0)
                        == 10_000.0, 5_000, "10,000 bytes received upstream");
                assertThat(countersOf(raw)).containsEntry("toxiproxy_proxy_sent_bytes_total" + up, 0.0);
            }
        }
    }

    @Test
    void theContentTypeIsThePrometheusTextFormat() throws IOException, InterruptedException {
        try (ChaosProxyServer server = ChaosProxyServer.start(ChaosConfig.builder().port(0).proxyMetrics(true).build())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
        }
    }

    @Test
    void runtimeMetricsDescribeTheJvmAndTheProcessWithoutProxyCounters() throws IOException {
        try (ChaosProxyServer server = ChaosProxyServer.start(ChaosConfig.builder().port(0).runtimeMetrics(true).build())) {
            server.client().createProxy("quiet", "127.0.0.1:0", "127.0.0.1:1");
            RawApi.Answer answer = new RawApi(server.url()).send("GET", "/metrics", null);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body())
                    .contains("jvm_memory_used_bytes", "jvm_threads_current", "jvm_runtime_info", "process_cpu_seconds_total")
                    .doesNotContain("toxiproxy_proxy");
        }
    }

    @Test
    void withoutMetricsTheEndpointIsNotFound() throws IOException {
        try (ChaosProxyServer server = ChaosProxyServer.start(ChaosConfig.ephemeral())) {
            RawApi.Answer answer = new RawApi(server.url()).send("GET", "/metrics", null);

            assertThat(answer.status()).isEqualTo(404);
        }
    }

    /** One connection: the client sends its request, reads the whole reply, then both sides close. */
    private static void exchange(ProxyFixture fixture) throws IOException {
        try (TestClient client = fixture.connect()) {
            client.send(new byte[REQUEST_BYTES]);
            client.readExactly(REPLY_BYTES);
            assertThat(client.readToEnd(5_000)).isEqualTo(TestClient.Ending.EOF);
        }
    }

    /** Reads exactly the request, then answers the reply and closes. */
    private static LoopbackServer requestReplyServer() throws IOException {
        return new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            byte[] request = in.readNBytes(REQUEST_BYTES);
            if (request.length == REQUEST_BYTES) {
                OutputStream out = socket.getOutputStream();
                out.write(new byte[REPLY_BYTES]);
                out.flush();
            }
        });
    }

    private static Map<String, Double> expected(int connections, String listener, String upstream) {
        String up = labels("upstream", listener, upstream);
        String down = labels("downstream", listener, upstream);
        return Map.of(
                "toxiproxy_proxy_received_bytes_total" + up, (double) connections * REQUEST_BYTES,
                "toxiproxy_proxy_sent_bytes_total" + up, (double) connections * REQUEST_BYTES,
                "toxiproxy_proxy_received_bytes_total" + down, (double) connections * REPLY_BYTES,
                "toxiproxy_proxy_sent_bytes_total" + down, (double) connections * REPLY_BYTES);
    }

    private static String labels(String direction, String listener, String upstream) {
        return "{direction=\"" + direction + "\",listener=\"" + listener + "\",proxy=\"test\",upstream=\"" + upstream + "\"}";
    }

    /** Every byte-counter sample of the exposition, keyed by name and label set. */
    private static Map<String, Double> countersOf(RawApi raw) {
        String body;
        try {
            body = raw.send("GET", "/metrics", null).body();
        } catch (IOException e) {
            throw new AssertionError("cannot read /metrics", e);
        }
        Map<String, Double> samples = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                samples.put(sample.group(1) + "{" + sample.group(2) + "}", Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }
}
