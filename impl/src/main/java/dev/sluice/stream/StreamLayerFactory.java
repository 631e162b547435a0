package dev.sluice.stream;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.protocol.StreamProtocol;
import io.netty.channel.ChannelHandler;

/** Puts a {@link StreamMultiplexer} on each connection, and checks that its frames fit the connection's. */
final class StreamLayerFactory implements ApplicationHandlerFactory {
    private final StreamConfig config;
    private final boolean clientSide;
    private final StreamHandler inbound;

    StreamLayerFactory(StreamConfig config, boolean clientSide, StreamHandler inbound) {
        this.config = config;
        this.clientSide = clientSide;
        this.inbound = inbound;
    }

    @Override
    public ChannelHandler create(ConnectionInfo info) {
        return new StreamMultiplexer(config, clientSide, info, inbound);
    }

    /**
     * Every DATA frame is one WebSocket message of a single frame: its payload plus the 5-byte
     * header must fit the connection's frame limit (and so its message limit), or every large write
     * would close the connection with 1009.
     */
    @Override
    public void checkFits(ConnectionConfig connection) {
        long largestMessage = (long) config.maxDataFrameBytes() + StreamProtocol.HEADER_LENGTH;
        int frameLimit = Math.min(connection.maxFrameSize(), connection.maxMessageSize());
        if (largestMessage > frameLimit) {
            throw new IllegalArgumentException("StreamConfig.maxDataFrameBytes (" + config.maxDataFrameBytes()
                    + ") plus the " + StreamProtocol.HEADER_LENGTH + "-byte stream frame header exceeds the WebSocket "
                    + "frame limit ConnectionConfig." + (connection.maxFrameSize() <= connection.maxMessageSize()
                    ? "maxFrameSize (" + connection.maxFrameSize() : "maxMessageSize (" + connection.maxMessageSize())
                    + "); lower the first or raise the second");
        }
    }
}
