package dev.sluice.connection;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Implemented by an application handler that can end its connection gracefully on its own terms
 * (the stream layer: refuse new streams, let open ones finish, close with 1000). A server that
 * stops asks it to before closing the connection itself with 1001 (going away).
 */
public interface GracefulStop {
    /**
     * Starts ending the connection gracefully, taking at most {@code deadline} before the
     * connection's close handshake starts; may be called from any thread, must not block.
     *
     * @return completes when the connection has ended
     */
    CompletionStage<?> stopGracefully(Duration deadline);
}
