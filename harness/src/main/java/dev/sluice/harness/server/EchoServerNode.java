package dev.sluice.harness.server;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.harness.node.ParentWatch;
import dev.sluice.harness.workload.EventSink;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.identity.Validity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.EchoHandler;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamMultiplexer;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamSession;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reference echo server as scenarios run it: a TLS Sluice server whose every stream is echoed,
 * with short keep-alive settings, and a control channel on stdin ({@code stats}: open connections
 * and streams; {@code rotate}: a new leaf certificate for new connections). Its first line is the
 * same {@code listening} event as {@code ./sluice server}'s.
 */
@Command(name = "echo-server-node", mixinStandardHelpOptions = true)
public final class EchoServerNode implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", defaultValue = "0")
    int port;

    @Option(names = "--keep-alive-interval-ms")
    Long keepAliveIntervalMillis;

    @Option(names = "--keep-alive-timeout-ms")
    Long keepAliveTimeoutMillis;

    @Option(names = "--server-defect", description = "Arms a deliberate defect (needs SLUICE_ENABLE_DEFECTS).")
    String defect;

    private final EventSink sink = EventSink.jsonLines(System.out);
    /** Streams handed to the echo handler and not yet closed; touched from event loops. */
    private final AtomicInteger liveStreams = new AtomicInteger();

    public static void main(String[] args) {
        ParentWatch.installFromEnvironment();
        System.exit(new CommandLine(new EchoServerNode()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ConnectionConfig.Builder connection = ConnectionConfig.builder();
        if (keepAliveIntervalMillis != null) {
            connection.keepAliveInterval(Duration.ofMillis(keepAliveIntervalMillis));
        }
        if (keepAliveTimeoutMillis != null) {
            connection.keepAliveTimeout(Duration.ofMillis(keepAliveTimeoutMillis));
        }
        if (defect != null && !DefectSwitch.arm(defect)) {
            return 2;
        }
        NodeIdentity identity = NodeIdentity.generate();
        SluiceServer server = SluiceServer.start(ServerConfig.builder().host(host).port(port).identity(identity)
                .connection(connection.build())
                .applicationHandler(info -> new StreamMultiplexer(StreamConfig.defaults(), false, info,
                        this::echoCounted))
                .build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stopNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "echo-server-stop"));
        ParentWatch.onCommand("stats", () -> stats(server));
        ParentWatch.onCommand("rotate", () -> rotate(server));
        Map<String, Object> listening = EventSink.event("listening");
        listening.put("host", server.localAddress().getAddress().getHostAddress());
        listening.put("port", server.port());
        listening.put("nodeId", server.nodeId().toString());
        listening.put("tls", server.tlsProvider());
        listening.put("defect", defect);
        listening.put("leafSha256", sha256(server.identity()));
        sink.emit(listening);
        new CountDownLatch(1).await();
        return 0;
    }

    /** Echoes the stream and counts it until it is closed, whatever becomes of its connection. */
    private void echoCounted(SluiceStream stream, ConnectionInfo info) {
        liveStreams.incrementAndGet();
        stream.closeFuture().whenComplete((done, error) -> liveStreams.decrementAndGet());
        EchoHandler.INSTANCE.onStream(stream, info);
    }

    private void stats(SluiceServer server) {
        int streams = 0;
        for (var connection : server.connections()) {
            if (connection.applicationHandler() instanceof StreamSession session) {
                streams += session.openStreamCount();
            }
        }
        Map<String, Object> stats = EventSink.event("stats");
        stats.put("connections", server.connectionCount());
        // A stream dropped from its connection's table without being closed shows up only here.
        stats.put("streams", Math.max(streams, liveStreams.get()));
        stats.put("streamsInConnections", streams);
        sink.emit(stats);
    }

    private void rotate(SluiceServer server) {
        NodeIdentity renewed = server.identity().renewLeaf(Validity.defaultFromNow());
        server.rotateIdentity(renewed);
        Map<String, Object> rotated = EventSink.event("rotated");
        rotated.put("nodeId", renewed.nodeId().toString());
        rotated.put("leafSha256", sha256(renewed));
        sink.emit(rotated);
    }

    private static String sha256(NodeIdentity identity) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.leafCertificate().getEncoded()));
        } catch (Exception e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
