package dev.sluice.bench.control;

import java.util.Map;

/** A running echo server of any kind, as the echo-server process reports and controls it. */
public interface EchoServerHandle extends AutoCloseable {
    /** Where clients connect, e.g. {@code wss://127.0.0.1:40123/echo}. */
    String url();

    /** Open connections right now. */
    int connectionCount();

    /** Payload bytes echoed since the server started. */
    long bytesEchoed();

    /** Anything else a client needs (e.g. the server's NodeId), reported in the ready event. */
    default Map<String, String> connectDetails() {
        return Map.of();
    }

    @Override
    void close();
}
