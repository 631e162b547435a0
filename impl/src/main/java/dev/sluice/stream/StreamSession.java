package dev.sluice.stream;

import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.GracefulStop;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** The streams of one connection. Every method may be called from any thread. */
public interface StreamSession extends GracefulStop {
    /**
     * Opens a stream (its id is allocated on the connection's event loop, in order). Blocks at most
     * the configured open timeout when called off the event loop.
     *
     * @throws IllegalStateException when the session is stopping or the connection ended
     */
    SluiceStream openStream();

    /** Opens a stream without blocking. */
    CompletionStage<SluiceStream> openStreamAsync();

    /** The connection this session runs on. */
    ConnectionInfo connectionInfo();

    /** Streams not yet finished both ways, opened by either side. */
    int openStreamCount();

    /**
     * Refuses new streams, waits up to {@code deadline} for the open ones to finish, then closes
     * the connection with 1000. Streams still open at the deadline fail with the close.
     */
    @Override
    CompletionStage<ConnectionException> stopGracefully(Duration deadline);

    /** Fails every open stream and closes the connection with 1000 now. */
    CompletionStage<ConnectionException> stopNow();

    /** Completes with why the connection ended, once it has. */
    CompletionStage<ConnectionException> terminationFuture();
}
