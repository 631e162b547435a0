package dev.sluice.stream;

import dev.sluice.connection.ConnectionInfo;

/**
 * Receives every stream the peer opens. Called on the connection's event loop: start reading and
 * writing asynchronously and return, or hand blocking work to another thread. A handler that
 * throws gets its stream aborted both ways with {@code StreamProtocol.HANDLER_FAILED}.
 */
@FunctionalInterface
public interface StreamHandler {
    void onStream(SluiceStream stream, ConnectionInfo connection);

    /** Closes every inbound stream at once (FIN, and reading cancelled): for sides that only open streams. */
    StreamHandler CANCEL_ALL = (stream, info) -> stream.close();
}
