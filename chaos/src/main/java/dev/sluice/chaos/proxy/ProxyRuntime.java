package dev.sluice.chaos.proxy;

import dev.sluice.chaos.random.DecisionListener;
import io.netty.channel.EventLoopGroup;

/**
 * What every proxy of one server shares: event loops, the seed, and limits.
 *
 * @param acceptGroup     accepts client connections for every proxy
 * @param connectionGroup runs each connection (both its sockets on one event loop)
 */
public record ProxyRuntime(
        EventLoopGroup acceptGroup,
        EventLoopGroup connectionGroup,
        long seed,
        DecisionListener decisions,
        long linkHighWaterBytes,
        long linkLowWaterBytes,
        int upstreamConnectTimeoutMillis) {
}
