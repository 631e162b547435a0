package dev.sluice.stream;

import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.internal.LateFutures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Why a connection's stream layer ended: set once, on the event loop, and read from any thread
 * (to refuse work handed in after the end). The one place this fact lives. The public future is
 * created only when someone asks for it (most idle connections are never asked).
 */
final class Termination {
    private static final VarHandle FUTURE;

    static {
        try {
            FUTURE = MethodHandles.lookup().findVarHandle(Termination.class, "future", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile ConnectionException cause;
    /** Set when the connection below has ended too: what the public future completes with. */
    private volatile ConnectionException outcome;
    private volatile CompletableFuture<ConnectionException> future;

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
        ConnectionException c = cause;
        ConnectionException why = c != null ? c : new ConnectionLostException("the connection ended");
        outcome = why;
        CompletableFuture<ConnectionException> f = future;
        if (f != null) {
            f.complete(why);
        }
    }

    /** The public future, created on first use from any thread. */
    CompletableFuture<ConnectionException> future() {
        CompletableFuture<ConnectionException> f = LateFutures.getOrCreate(this, FUTURE);
        // the outcome may have been set before the future existed (or raced its creation)
        ConnectionException why = outcome;
        if (why != null) {
            f.complete(why);
        }
        return f;
    }

    /** Why work handed to a loop that is gone (or not yet attached) cannot run. */
    ConnectionException rejected(boolean attached) {
        ConnectionException c = cause;
        return c != null ? c : new ConnectionLostException(attached
                ? "the connection's event loop has shut down" : "the stream layer is not attached to a connection yet");
    }
}
