package dev.sluice.client;

import java.io.IOException;

/** The server answered the WebSocket upgrade request with something other than 101. */
public final class UpgradeRejectedException extends IOException {
    private final int status;

    public UpgradeRejectedException(String target, int status, String reasonPhrase, String body) {
        super("the server at " + target + " refused the WebSocket upgrade with HTTP " + status + " " + reasonPhrase
                + (body.isBlank() ? "" : ": " + body.strip()));
        this.status = status;
    }

    /** The HTTP status, e.g. 503 when the server is full. */
    public int status() {
        return status;
    }
}
