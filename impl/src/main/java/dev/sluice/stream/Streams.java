package dev.sluice.stream;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.SluiceConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts the stream layer on Sluice connections: the application handler factories for the server
 * and client configs, and the {@link StreamSession} of an established connection.
 *
 * <pre>{@code
 * SluiceServer server = SluiceServer.start(ServerConfig.builder()....streamHandler(EchoHandler.INSTANCE).build());
 * SluiceClient client = SluiceClient.create(ClientConfig.builder()....streams().build());
 * StreamSession session = Streams.session(client.connect(host, port, nodeId).get());
 * SluiceStream stream = session.openStream();
 * }</pre>
 */
public final class Streams {
    private Streams() {
    }

    /** A server's application handler: every stream a client opens goes to {@code inbound}. */
    public static ApplicationHandlerFactory server(StreamConfig config, StreamHandler inbound) {
        return new StreamLayerFactory(config, false, inbound);
    }

    /** A client's application handler; streams the server opens are cancelled. */
    public static ApplicationHandlerFactory client(StreamConfig config) {
        return client(config, StreamHandler.CANCEL_ALL);
    }

    /** A client's application handler; streams the server opens go to {@code inbound}. */
    public static ApplicationHandlerFactory client(StreamConfig config, StreamHandler inbound) {
        return new StreamLayerFactory(config, true, inbound);
    }

    /**
     * Stops the stream sessions of {@code connections} gracefully (refuse new streams, let open ones
     * finish, then close with 1000) and waits for them up to {@code deadline}.
     *
     * @return true when every session ended within the deadline
     */
    public static boolean stopGracefully(Collection<SluiceConnection> connections, Duration deadline)
            throws InterruptedException {
        CompletableFuture<?>[] ends = connections.stream()
                .filter(c -> c.applicationHandler() instanceof StreamSession)
                .map(c -> session(c).stopGracefully(deadline).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ends).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The streams of {@code connection}, which must have been set up with one of the factories above. */
    public static StreamSession session(SluiceConnection connection) {
        if (connection.applicationHandler() instanceof StreamSession session) {
            return session;
        }
        throw new IllegalArgumentException("connection " + connection + " does not run the stream layer (its "
                + "application handler is " + connection.applicationHandler().getClass().getName()
                + "); configure it with Streams.server(...) or Streams.client(...)");
    }
}
