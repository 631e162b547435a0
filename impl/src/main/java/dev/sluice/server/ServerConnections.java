package dev.sluice.server;

import dev.sluice.connection.ConnectionObserver;
import dev.sluice.connection.SluiceConnection;
import io.netty.channel.Channel;

/**
 * What the upgrade handler needs from its server: admission against the limit, registration, and
 * (as the observer handed to each connection) hearing that a connection ended.
 */
interface ServerConnections extends ConnectionObserver {
    /** A TCP connection was accepted (tracked so that stopping closes it too). */
    void accepted(Channel channel);

    /** Reserves a connection slot for {@code channel} (released when it closes); false when full. */
    boolean tryAdmit(Channel channel);

    /** An upgrade succeeded. */
    void established(SluiceConnection connection);
}
