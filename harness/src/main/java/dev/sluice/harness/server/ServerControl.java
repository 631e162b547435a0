package dev.sluice.harness.server;

import dev.sluice.harness.defect.Defect;
import dev.sluice.harness.defect.DefectHooks;
import dev.sluice.harness.node.ParentWatch;
import dev.sluice.harness.workload.EventSink;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.identity.Validity;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.StreamHandler;
import dev.sluice.stream.StreamSession;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's control channel for the harness, on stdin (see {@link ParentWatch}):
 * {@code stats} prints its open connections and streams, {@code rotate} gives new connections a
 * new leaf certificate. Streams are counted from the moment the handler gets them until they are
 * closed, whatever becomes of their connection, so a stream dropped without being closed shows.
 */
public final class ServerControl {
    /** Streams handed to the handler and not yet closed; touched from event loops. */
    private final AtomicInteger liveStreams = new AtomicInteger();
    private final EventSink sink;

    public ServerControl(PrintStream out) {
        this.sink = EventSink.jsonLines(out);
    }

    /** Wraps the application's stream handler so that every stream is counted until it closes. */
    public StreamHandler counting(StreamHandler handler) {
        return (stream, info) -> {
            liveStreams.incrementAndGet();
            stream.closeFuture().whenComplete((done, error) -> liveStreams.decrementAndGet());
            handler.onStream(stream, info);
        };
    }

    /** Answers {@code stats} and {@code rotate} for this server from now on. */
    public void install(SluiceServer server) {
        ParentWatch.onCommand("stats", () -> stats(server));
        ParentWatch.onCommand("rotate", () -> rotate(server));
    }

    /**
     * Arms a deliberate defect when the consent variable is set; otherwise says why not.
     *
     * @return the defect's hooks, or null when the server must not start
     */
    public static DefectHooks armDefect(String name, java.io.PrintWriter err) {
        try {
            Defect defect = Defect.parse(name);
            DefectHooks hooks = DefectHooks.arm(defect, System.getenv());
            err.println("server: DEFECT ARMED: " + defect.label() + " (this server is broken on purpose)");
            return hooks;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("server: " + e.getMessage());
            return null;
        }
    }

    private void stats(SluiceServer server) {
        int inConnections = 0;
        for (var connection : server.connections()) {
            if (connection.applicationHandler() instanceof StreamSession session) {
                inConnections += session.openStreamCount();
            }
        }
        Map<String, Object> stats = EventSink.event("stats");
        stats.put("connections", server.connectionCount());
        stats.put("streams", Math.max(inConnections, liveStreams.get()));
        stats.put("streamsInConnections", inConnections);
        sink.emit(stats);
    }

    private void rotate(SluiceServer server) {
        NodeIdentity renewed = server.identity().renewLeaf(Validity.defaultFromNow());
        server.rotateIdentity(renewed);
        Map<String, Object> rotated = EventSink.event("rotated");
        rotated.put("nodeId", renewed.nodeId().toString());
        rotated.put("leafSha256", leafSha256(renewed));
        sink.emit(rotated);
    }

    public static String leafSha256(NodeIdentity identity) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.leafCertificate().getEncoded()));
        } catch (Exception e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
