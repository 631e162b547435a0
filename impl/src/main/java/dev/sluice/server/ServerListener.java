package dev.sluice.server;

import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.SluiceConnection;

/** Told about connection events, on the connection's event loop; must not block. */
public interface ServerListener {
    ServerListener NONE = new ServerListener() {
    };

    /** A WebSocket connection was established and its application handler installed. */
    default void opened(SluiceConnection connection) {
    }

    /** An established connection ended, and why. */
    default void closed(SluiceConnection connection, ConnectionException cause) {
    }
}
