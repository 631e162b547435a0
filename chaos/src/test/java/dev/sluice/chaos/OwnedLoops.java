package dev.sluice.chaos;

import dev.sluice.chaos.api.ToxiproxyApi;
import dev.sluice.chaos.http.ApiServer;
import dev.sluice.chaos.metrics.ChaosMetrics;
import dev.sluice.chaos.proxy.ProxyRuntime;
import dev.sluice.chaos.proxy.TrafficMeter;
import dev.sluice.chaos.random.DecisionListener;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API and proxies of a chaos server on event loops the test owns: one accept loop and one
 * connection loop, so a test can keep either busy and see what the API answers then.
 */
final class OwnedLoops implements AutoCloseable {
    private final EventLoopGroup apiGroup = group("owned-api");
    private final EventLoopGroup acceptGroup = group("owned-accept");
    private final EventLoopGroup connectionGroup = group("owned-proxy");
    private final ToxiproxyApi api;
    private final ApiServer apiServer;

    OwnedLoops(Duration applyTimeout) throws IOException {
        ProxyRuntime runtime = new ProxyRuntime(acceptGroup, connectionGroup, 1, DecisionListener.NONE,
                ChaosConfig.DEFAULT_LINK_HIGH_WATER_BYTES, ChaosConfig.DEFAULT_LINK_LOW_WATER_BYTES, 5_000,
                TrafficMeter.NONE, applyTimeout);
        api = new ToxiproxyApi(runtime);
        apiServer = ApiServer.bind(api, ChaosMetrics.create(false, false), apiGroup,
                new InetSocketAddress("127.0.0.1", 0), ChaosConfig.DEFAULT_MAX_REQUEST_BODY_BYTES);
    }

    private static EventLoopGroup group(String name) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    }

    ToxiproxyClient client() {
        return new ToxiproxyClient("127.0.0.1", apiServer.localAddress().getPort());
    }

    RawApi raw() {
        return new RawApi("http://127.0.0.1:" + apiServer.localAddress().getPort());
    }

    /** The loop that accepts for every proxy. */
    EventLoop acceptLoop() {
        return acceptGroup.next();
    }

    /** The loop every proxied connection runs on. */
    EventLoop connectionLoop() {
        return connectionGroup.next();
    }

    @Override
    public void close() {
        apiServer.close();
        api.stopAll();
        for (EventLoopGroup group : List.of(apiGroup, acceptGroup, connectionGroup)) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
