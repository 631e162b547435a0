package dev.sluice.server;

import dev.sluice.connection.GracefulStop;
import dev.sluice.connection.SluiceConnection;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a stopping server's established connections within one deadline, in two phases: each
 * application handler that implements {@link GracefulStop} first ends its connection on its own
 * terms; what is still open after that (and every connection whose handler cannot stop
 * gracefully) gets a close frame with 1001, going away. Runs on the thread that stops the server.
 */
final class ConnectionsStop {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsStop.class);
    /** The part of the deadline kept for the 1001 close handshakes after the graceful phase. */
    private static final int CLOSE_SHARE_DIVISOR = 4;
    static final String GOING_AWAY_REASON = "server shutting down";

    private ConnectionsStop() {
    }

    /** @return true when every connection closed before the deadline */
    static boolean endAll(Collection<SluiceConnection> connections, Duration deadline) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        Duration gracefulShare = deadline.minus(deadline.dividedBy(CLOSE_SHARE_DIVISOR));
        List<CompletableFuture<?>> graceful = new ArrayList<>();
        for (SluiceConnection connection : connections) {
            if (connection.applicationHandler() instanceof GracefulStop stoppable) {
                graceful.add(stopGracefully(connection, stoppable, gracefulShare));
            } else {
                goAway(connection);
            }
        }
        awaitAll(graceful, deadlineNanos - deadline.toNanos() + gracefulShare.toNanos());
        List<CompletableFuture<?>> closed = new ArrayList<>();
        for (SluiceConnection connection : connections) {
            goAway(connection);
            CompletableFuture<Void> socketClosed = new CompletableFuture<>();
            connection.closeFuture().addListener(f -> socketClosed.complete(null));
            closed.add(socketClosed);
        }
        boolean allClosed = awaitAll(closed, deadlineNanos);
        if (!allClosed) {
            log.debug("connections still open at the stop deadline of {} ms; dropping them", deadline.toMillis());
        }
        return allClosed;
    }

    /** Completes when the handler's stop completes or the connection ends, whichever is first. */
    private static CompletableFuture<?> stopGracefully(SluiceConnection connection, GracefulStop stoppable,
            Duration deadline) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        connection.terminated().whenComplete((cause, e) -> ended.complete(null));
        try {
            CompletionStage<?> stop = stoppable.stopGracefully(deadline);
            stop.whenComplete((result, e) -> ended.complete(null));
        } catch (RuntimeException e) {
            log.warn("{}: the application handler's graceful stop failed; closing with 1001", connection, e);
            ended.complete(null);
        }
        return ended;
    }

    /** A close frame with 1001; a no-op for a connection whose close handshake already started. */
    private static void goAway(SluiceConnection connection) {
        if (connection.isOpen()) {
            connection.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), GOING_AWAY_REASON);
        }
    }

    private static boolean awaitAll(List<CompletableFuture<?>> futures, long untilNanos) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }
}
