package dev.sluice.chaos;

import dev.sluice.chaos.api.ToxiproxyApi;
import dev.sluice.chaos.http.ApiServer;
import dev.sluice.chaos.metrics.ChaosMetrics;
import dev.sluice.chaos.proxy.ProxyRuntime;
import dev.sluice.chaos.random.SeedDerivation;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Toxiproxy-compatible fault proxy running in this JVM: the HTTP API plus every proxy it
 * creates. Drive it with any Toxiproxy client, e.g. {@link #client()}.
 *
 * <pre>{@code
 * try (ChaosProxyServer chaos = ChaosProxyServer.start(ChaosConfig.ephemeral())) {
 *     Proxy proxy = chaos.client().createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
 *     proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
 * }
 * }</pre>
 */
public final class ChaosProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosProxyServer.class);
    private final EventLoopGroup apiGroup;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup connectionGroup;
    private final ToxiproxyApi api;
    private final ApiServer apiServer;
    private final long seed;
    private boolean stopped;

    private ChaosProxyServer(ChaosConfig config) throws IOException {
        this.seed = config.seed().orElseGet(SeedDerivation::freshSeed);
        this.apiGroup = group(1, "chaos-api");
        this.acceptGroup = group(1, "chaos-accept");
        this.connectionGroup = group(config.connectionThreads(), "chaos-proxy");
        ChaosMetrics metrics = ChaosMetrics.create(config.proxyMetrics(), config.runtimeMetrics());
        this.api = new ToxiproxyApi(new ProxyRuntime(acceptGroup, connectionGroup, seed, config.decisionListener(),
                config.linkHighWaterBytes(), config.linkLowWaterBytes(),
                (int) config.upstreamConnectTimeout().toMillis(), metrics, config.applyTimeout()));
        ApiServer bound;
        try {
            bound = ApiServer.bind(api, metrics, apiGroup, new InetSocketAddress(config.host(), config.port()),
                    config.maxRequestBodyBytes());
        } catch (IOException e) {
            shutdownGroups();
            throw e;
        }
        this.apiServer = bound;
        // The seed is what makes a faulty run replayable, so every run reports it.
        LOG.info("chaos proxy API listening on {} with seed {}", url(), seed);
    }

    /** Starts the API (and so the server); fails with the bind error when the address is taken. */
    public static ChaosProxyServer start(ChaosConfig config) {
        try {
            return new ChaosProxyServer(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    }

    public String host() {
        return apiServer.localAddress().getAddress().getHostAddress();
    }

    public int port() {
        return apiServer.localAddress().getPort();
    }

    /** The API's base URL, as {@code TOXIPROXY_URL} would name it. */
    public String url() {
        String host = host().contains(":") ? "[" + host() + "]" : host();
        return "http://" + host + ":" + port();
    }

    /** The seed every random choice derives from (drawn at start when none was configured). */
    public long seed() {
        return seed;
    }

    /** A Toxiproxy Java client bound to this server. */
    public ToxiproxyClient client() {
        return new ToxiproxyClient(host(), port());
    }

    /** Closes every proxy, its connections and the API; safe to call twice. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        apiServer.close();
        api.stopAll();
        shutdownGroups();
    }

    private void shutdownGroups() {
        for (EventLoopGroup group : List.of(apiGroup, acceptGroup, connectionGroup)) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventLoopGroup group : List.of(apiGroup, acceptGroup, connectionGroup)) {
            group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
