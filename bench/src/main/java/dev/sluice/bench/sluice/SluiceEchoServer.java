package dev.sluice.bench.sluice;

import dev.sluice.bench.control.EchoServerHandle;
import dev.sluice.bench.control.Handicap;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.StreamConfig;
import dev.sluice.tls.TlsProvider;
import java.util.Map;

/** The Sluice target: the reference server with the stream echo handler on every connection. */
public final class SluiceEchoServer implements EchoServerHandle {
    /** Above the 10,000 idle connections of the full run. */
    public static final int MAX_CONNECTIONS = 20_000;

    private final SluiceServer server;
    private final BenchEchoHandler echo;

    private SluiceEchoServer(SluiceServer server, BenchEchoHandler echo) {
        this.server = server;
        this.echo = echo;
    }

    public static SluiceEchoServer start(int workerThreads) throws Exception {
        StreamConfig streams = BenchStreamConfig.fromProperties();
        BenchEchoHandler echo = new BenchEchoHandler(Handicap.fromEnvironment());
        ServerConfig.Builder config = ServerConfig.builder()
                .identity(NodeIdentity.generate())
                .tlsProvider(TlsProvider.AUTO)
                .maxConnections(MAX_CONNECTIONS)
                .connection(BenchStreamConfig.connectionFromProperties())
                .streamHandler(echo, streams);
        if (workerThreads > 0) {
            config.workerThreads(workerThreads);
        }
        return new SluiceEchoServer(SluiceServer.start(config.build()), echo);
    }

    @Override
    public String url() {
        return "wss://127.0.0.1:" + server.port() + ServerConfig.DEFAULT_PATH;
    }

    @Override
    public int connectionCount() {
        return server.connectionCount();
    }

    @Override
    public long bytesEchoed() {
        return echo.bytesEchoed();
    }

    @Override
    public Map<String, String> connectDetails() {
        return Map.of(SluiceStreamConnector.NODE_ID, server.nodeId().toString(), "tlsProvider", server.tlsProvider());
    }

    @Override
    public void close() {
        server.close();
    }
}
