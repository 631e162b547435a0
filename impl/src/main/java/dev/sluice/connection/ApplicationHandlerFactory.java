package dev.sluice.connection;

import io.netty.channel.ChannelHandler;

/**
 * Creates the handler that runs on an established WebSocket connection. After the upgrade succeeds
 * the connection layer adds the returned handler as the last handler of the pipeline, named
 * {@value #HANDLER_NAME}. See impl/CONNECTIONS.md ("The application handler") for what that
 * handler receives and may write.
 */
@FunctionalInterface
public interface ApplicationHandlerFactory {
    String HANDLER_NAME = "sluice-application";

    ChannelHandler create(ConnectionInfo info);

    /**
     * Refuses, with a message naming both settings, limits of this application that the
     * connection's limits cannot carry. Called when a server or client config is built, so that a
     * mismatch fails there rather than on the first large message.
     *
     * @throws IllegalArgumentException when they do not fit
     */
    default void checkFits(ConnectionConfig connection) {
    }
}
