package dev.sluice.bench.sluice;

import dev.sluice.bench.load.EchoConnection;
import dev.sluice.bench.load.EchoConnector;
import dev.sluice.bench.load.EchoSink;
import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeId;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.Streams;
import dev.sluice.tls.TlsProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Opens Sluice connections, each with one stream that carries the echo traffic. */
public final class SluiceStreamConnector implements EchoConnector {
    public static final String NODE_ID = "nodeId";
    /** Generous: thousands of idle connections handshake at once on a shared 2-core machine. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final URI url;
    private final NodeId expected;
    private final SluiceClient client;

    public SluiceStreamConnector(URI url, Map<String, String> details, int threads) {
        String nodeId = details.get(NODE_ID);
        if (nodeId == null) {
            throw new IllegalArgumentException("the Sluice target needs --detail " + NODE_ID + "=<server NodeId>");
        }
        this.url = url;
        this.expected = NodeId.parse(nodeId);
        StreamConfig streams = BenchStreamConfig.fromProperties();
        this.client = SluiceClient.create(ClientConfig.builder()
                .tlsProvider(TlsProvider.AUTO)
                .path(url.getPath())
                .connectTimeout(CONNECT_TIMEOUT)
                .connection(BenchStreamConfig.connectionFromProperties())
                .threads(threads)
                .streams(streams)
                .build());
    }

    @Override
    public CompletableFuture<EchoConnection> connect(EchoSink sink) {
        return client.connect(url.getHost(), url.getPort(), expected)
                .thenCompose(connection -> Streams.session(connection).openStreamAsync()
                        .thenApply(stream -> (EchoConnection) SluiceEchoStream.attach(connection, stream, sink))
                        .toCompletableFuture());
    }

    @Override
    public void close() {
        client.close();
    }
}
