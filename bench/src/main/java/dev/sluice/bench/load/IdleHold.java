package dev.sluice.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens many idle connections (a bounded number of handshakes at a time) and holds them. */
public final class IdleHold implements AutoCloseable {
    /** Concurrent handshakes: enough to fill the pipe, few enough not to time out on 2 cores. */
    public static final int MAX_CONCURRENT_HANDSHAKES = 128;

    private final List<EchoConnection> connections = new ArrayList<>();

    private IdleHold() {
    }

    /** Opens {@code count} connections; fails if they are not all open within the connect timeout. */
    public static IdleHold open(EchoConnector connector, int count) throws Exception {
        IdleHold hold = new IdleHold();
        Semaphore handshakes = new Semaphore(MAX_CONCURRENT_HANDSHAKES);
        List<CompletableFuture<EchoConnection>> pending = new ArrayList<>(count);
        long deadline = System.nanoTime() + LoadSpec.CONNECT_TIMEOUT.toNanos();
        try {
            for (int i = 0; i < count; i++) {
                if (!handshakes.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException("opened " + i + " of " + count + " idle connections within "
                            + LoadSpec.CONNECT_TIMEOUT.toSeconds() + " s");
                }
                CompletableFuture<EchoConnection> future = connector.connect((connection, nanos) -> { });
                future.whenComplete((connection, error) -> handshakes.release());
                pending.add(future);
            }
            for (CompletableFuture<EchoConnection> future : pending) {
                hold.connections.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return hold;
        } catch (Exception e) {
            pending.forEach(f -> f.thenAccept(EchoConnection::close));
            throw e;
        }
    }

    public int size() {
        return connections.size();
    }

    @Override
    public void close() {
        connections.forEach(EchoConnection::close);
    }
}
