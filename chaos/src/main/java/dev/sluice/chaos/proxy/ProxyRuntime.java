package dev.sluice.chaos.proxy;

import dev.sluice.chaos.random.DecisionListener;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;

/**
 * What every proxy of one server shares: event loops, the seed, limits and byte counters.
 *
 * @param acceptGroup     accepts client connections for every proxy
 * @param connectionGroup runs each connection (both its sockets on one event loop)
 * @param traffic         counts each link's bytes ({@link TrafficMeter#NONE} when metrics are off)
 * @param applyTimeout    how long a change may take to reach every open connection, or a disable
 *                        to close the listener and the connections, before the API reports failure
 */
public record ProxyRuntime(
        EventLoopGroup acceptGroup,
        EventLoopGroup connectionGroup,
        long seed,
        DecisionListener decisions,
        long linkHighWaterBytes,
        long linkLowWaterBytes,
        int upstreamConnectTimeoutMillis,
        TrafficMeter traffic,
        Duration applyTimeout) {
}
