package dev.sluice.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** Wraps a channel as a {@link SluiceConnection} for tests of code that takes connections (no handshake ran). */
public final class TestConnections {
    private TestConnections() {
    }

    public static SluiceConnection of(Channel channel, ConnectionInfo info, ChannelHandler applicationHandler) {
        return new SluiceConnection(channel, info, applicationHandler);
    }
}
