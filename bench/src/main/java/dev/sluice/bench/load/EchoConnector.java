package dev.sluice.bench.load;

import java.util.concurrent.CompletableFuture;

/** Opens connections to one echo target (raw Netty ws/wss, Node ws, or a Sluice stream). */
public interface EchoConnector extends AutoCloseable {
    CompletableFuture<EchoConnection> connect(EchoSink sink);

    /** Releases the connector's threads; connections it opened are closed with them. */
    @Override
    void close();
}
