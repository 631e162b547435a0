package dev.sluice.stream;

import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionLostException;
import java.util.concurrent.CompletableFuture;

/**
 * Why a connection's stream layer ended: set once, on the event loop, and read from any thread
 * (to refuse work handed in after the end). The one place this fact lives.
 */
final class Termination {
    private volatile ConnectionException cause;
    private final CompletableFuture<ConnectionException> future = new CompletableFuture<>();

    /** Records {@code why}; false when the layer had already ended. */
    boolean end(ConnectionException why) {
        if (cause != null) {
            return false;
        }
        cause = why;
        return true;
    }

    boolean ended() {
        return cause != null;
    }

    ConnectionException cause() {
        return cause;
    }

    /** Completes the public future: the connection below has ended too. */
    void connectionEnded() {
        future.complete(cause != null ? cause : new ConnectionLostException("the connection ended"));
    }

    CompletableFuture<ConnectionException> future() {
        return future;
    }

    /** Why work handed to a loop that is gone (or not yet attached) cannot run. */
    ConnectionException rejected(boolean attached) {
        ConnectionException c = cause;
        return c != null ? c : new ConnectionLostException(attached
                ? "the connection's event loop has shut down" : "the stream layer is not attached to a connection yet");
    }
}
