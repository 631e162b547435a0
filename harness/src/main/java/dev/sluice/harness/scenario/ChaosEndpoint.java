package dev.sluice.harness.scenario;

import dev.sluice.chaos.ChaosConfig;
import dev.sluice.chaos.ChaosProxyServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.URI;

/**
 * The fault proxy a scenario drives through the Toxiproxy Java client: the embedded
 * {@link ChaosProxyServer} by default, or a real Toxiproxy when {@code TOXIPROXY_URL} is set.
 */
public final class ChaosEndpoint implements AutoCloseable {
    public static final String URL_ENV = "TOXIPROXY_URL";

    private final ChaosProxyServer embedded;
    private final ToxiproxyClient client;
    private final String description;

    private ChaosEndpoint(ChaosProxyServer embedded, ToxiproxyClient client, String description) {
        this.embedded = embedded;
        this.client = client;
        this.description = description;
    }

    /** A real Toxiproxy when {@code url} is non-blank; otherwise an embedded proxy seeded with {@code seed}. */
    public static ChaosEndpoint open(String url, long seed) {
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException(URL_ENV + "='" + url + "' is not of the form http://host:port");
            }
            return new ChaosEndpoint(null, new ToxiproxyClient(uri.getHost(), uri.getPort()), "Toxiproxy at " + url);
        }
        ChaosProxyServer server = ChaosProxyServer.start(ChaosConfig.builder().port(0).seed(seed).build());
        return new ChaosEndpoint(server, server.client(), "embedded chaos proxy at " + server.url());
    }

    public static ChaosEndpoint fromEnvironment(long seed) {
        return open(System.getenv(URL_ENV), seed);
    }

    public ToxiproxyClient client() {
        return client;
    }

    public String description() {
        return description;
    }

    /** A fresh proxy on an ephemeral loopback port in front of {@code upstreamPort}; any old one of that name goes. */
    public Proxy proxy(String name, int upstreamPort) throws IOException {
        Proxy old = client.getProxyOrNull(name);
        if (old != null) {
            old.delete();
        }
        return client.createProxy(name, "127.0.0.1:0", "127.0.0.1:" + upstreamPort);
    }

    /** The port a proxy listens on (read back after binding port 0). */
    public static int listenPort(Proxy proxy) {
        String listen = proxy.getListen();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
