package dev.sluice.client;

import java.io.IOException;

/** Connecting (TCP, TLS and WebSocket upgrade together) did not finish within the connect timeout. */
public final class ConnectTimeoutException extends IOException {
    private final String stage;

    public ConnectTimeoutException(String target, long timeoutMillis, String stage) {
        super("connecting to " + target + " timed out after " + timeoutMillis + " ms during the " + stage);
        this.stage = stage;
    }

    /** Where it stopped: "TCP connect", "TLS handshake" or "WebSocket upgrade". */
    public String stage() {
        return stage;
    }
}
