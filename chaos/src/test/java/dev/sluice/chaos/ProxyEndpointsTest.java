package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyEndpointsTest {
    private ChaosProxyServer server;
    private ToxiproxyClient client;
    private RawApi raw;

    @BeforeEach
    void start() {
        server = ChaosProxyServer.start(ChaosConfig.ephemeral());
        client = server.client();
        raw = new RawApi(server.url());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void createdProxyReportsItsResolvedListenAddressAndIsEnabled() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");

        assertThat(proxy.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(proxy.getUpstream()).isEqualTo("127.0.0.1:5432");
    }

    @Test
    void anIpv6ListenAddressIsReportedInBrackets() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback on this machine");

        Proxy proxy = client.createProxy("v6", "[::1]:0", "127.0.0.1:1");

        assertThat(proxy.getListen()).matches("\\[::1]:\\d+");
    }

    private static boolean ipv6LoopbackAvailable() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void createAnswers201WithTheProxy() throws IOException {
        RawApi.Answer answer = raw.send("POST", "/proxies", "{\"name\":\"a\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).contains("\"name\":\"a\"", "\"enabled\":false", "\"toxics\":[]");
    }

    @Test
    void listingIsKeyedByNameInSortedOrder() throws IOException {
        client.createProxy("zeta", "127.0.0.1:0", "127.0.0.1:1");
        client.createProxy("alpha", "127.0.0.1:0", "127.0.0.1:1");

        List<Proxy> proxies = client.getProxies();

        assertThat(proxies).extracting(Proxy::getName).containsExactly("alpha", "zeta");
        assertThat(raw.send("GET", "/proxies", null).body()).matches("\\{\"alpha\":.*\"zeta\":.*");
    }

    @Test
    void missingFieldsAreRefusedWithToxiproxysMessages() throws IOException {
        assertThat(raw.send("POST", "/proxies", "{\"upstream\":\"127.0.0.1:1\"}"))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "missing required field: name")));
        assertThat(raw.send("POST", "/proxies", "{\"name\":\"x\"}"))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "missing required field: upstream")));
    }

    @Test
    void aSecondProxyWithTheSameNameConflicts() throws IOException {
        client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");

        assertThatThrownBy(() -> client.createProxy("db", "127.0.0.1:0", "127.0.0.1:2"))
                .isInstanceOf(IOException.class).hasMessage("[409] proxy already exists");
    }

    @Test
    void aListenAddressInUseAnswers500WithTheBindError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> client.createProxy("db", "127.0.0.1:" + taken.getLocalPort(), "127.0.0.1:1"))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("[500] listen tcp 127.0.0.1:");
        }
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void unknownProxyIs404OnEveryProxyRoute() throws IOException {
        String notFound = RawApi.error(404, "proxy not found");
        assertThat(raw.send("GET", "/proxies/nope", null)).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("POST", "/proxies/nope", "{}")).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("PATCH", "/proxies/nope", "{}")).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("DELETE", "/proxies/nope", null)).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("GET", "/proxies/nope/toxics", null)).isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(raw.send("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"))
                .isEqualTo(new RawApi.Answer(404, notFound));
        assertThat(client.getProxyOrNull("nope")).isNull();
        assertThatThrownBy(() -> client.getProxy("nope")).hasMessage("[404] proxy not found");
    }

    @Test
    void updateKeepsOmittedFieldsAndDisableClosesTheListener() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");
        int port = Integer.parseInt(proxy.getListen().split(":")[1]);

        proxy.disable();

        assertThat(client.getProxy("db").isEnabled()).isFalse();
        assertThat(client.getProxy("db").getUpstream()).isEqualTo("127.0.0.1:1");
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.isBound()).isTrue();
        }
        proxy.enable();
        assertThat(client.getProxy("db").isEnabled()).isTrue();
        assertThat(client.getProxy("db").getListen()).isEqualTo(proxy.getListen());
    }

    @Test
    void patchChangesUpstreamAndListen() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");

        RawApi.Answer answer = raw.send("PATCH", "/proxies/db", "{\"upstream\":\"127.0.0.1:2\"}");
        proxy.setListen("127.0.0.1:0");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"upstream\":\"127.0.0.1:2\"");
        assertThat(client.getProxy("db").getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
    }

    @Test
    void deleteAnswers204AndRemovesTheProxy() throws IOException {
        client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");

        assertThat(raw.send("DELETE", "/proxies/db", null)).isEqualTo(new RawApi.Answer(204, ""));
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void resetReenablesProxiesAndRemovesEveryToxic() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        proxy.disable();

        client.reset();

        Proxy after = client.getProxy("db");
        assertThat(after.isEnabled()).isTrue();
        assertThat(after.toxics().getAll()).isEmpty();
        assertThat(raw.send("POST", "/reset", null).status()).isEqualTo(204);
    }

    @Test
    void populateCreatesAllKeepsIdenticalOnesAndValidatesFirst() throws IOException {
        String body = "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:2\"}]";
        RawApi.Answer created = raw.send("POST", "/populate", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).startsWith("{\"proxies\":[").contains("\"name\":\"a\"", "\"name\":\"b\"");

        String listenA = client.getProxy("a").getListen();
        String again = "[{\"name\":\"a\",\"listen\":\"" + listenA + "\",\"upstream\":\"127.0.0.1:1\"}]";
        assertThat(raw.send("POST", "/populate", again).status()).isEqualTo(201);
        assertThat(client.getProxy("a").getListen()).isEqualTo(listenA);

        String invalid = "[{\"name\":\"c\",\"upstream\":\"127.0.0.1:1\"},{\"upstream\":\"127.0.0.1:1\"}]";
        assertThat(raw.send("POST", "/populate", invalid))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "missing required field: name at proxy 2")));
        assertThat(client.getProxyOrNull("c")).isNull();
    }

    @Test
    void versionIsJson() throws IOException {
        assertThat(client.version()).startsWith("{\"version\":\"");
        assertThat(raw.send("GET", "/version", null).status()).isEqualTo(200);
    }
}
