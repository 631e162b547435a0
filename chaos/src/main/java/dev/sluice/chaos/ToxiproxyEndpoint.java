package dev.sluice.chaos;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.URI;
import java.util.Optional;

/**
 * Where Toxiproxy's API is: the server named by {@code TOXIPROXY_URL} when that is set (a real
 * {@code toxiproxy-server}, or any compatible one), else a proxy server embedded in this JVM.
 * The same client code drives both. Closing stops only an embedded server.
 */
public final class ToxiproxyEndpoint implements AutoCloseable {
    /** The variable Toxiproxy's own clients and {@code toxiproxy-cli} read. */
    public static final String URL_VARIABLE = "TOXIPROXY_URL";

    private final String host;
    private final int port;
    private final ChaosProxyServer embedded;

    private ToxiproxyEndpoint(String host, int port, ChaosProxyServer embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    /** {@code TOXIPROXY_URL} if set, else an embedded server on a free loopback port. */
    public static ToxiproxyEndpoint resolve() {
        return resolve(System.getenv(URL_VARIABLE), ChaosConfig.ephemeral());
    }

    /** The server at {@code toxiproxyUrl} when it is non-blank, else an embedded server started with {@code config}. */
    public static ToxiproxyEndpoint resolve(String toxiproxyUrl, ChaosConfig config) {
        if (toxiproxyUrl == null || toxiproxyUrl.isBlank()) {
            ChaosProxyServer server = ChaosProxyServer.start(config);
            return new ToxiproxyEndpoint(server.host(), server.port(), server);
        }
        URI uri;
        try {
            uri = URI.create(toxiproxyUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a URL: " + toxiproxyUrl, e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    URL_VARIABLE + " must look like http://host:8474, was: " + toxiproxyUrl);
        }
        int port = uri.getPort() < 0 ? ChaosConfig.DEFAULT_PORT : uri.getPort();
        return new ToxiproxyEndpoint(uri.getHost(), port, null);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server, when this endpoint is one. */
    public Optional<ChaosProxyServer> server() {
        return Optional.ofNullable(embedded);
    }

    public ToxiproxyClient client() {
        return new ToxiproxyClient(host, port);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
