package dev.sluice.connection;

/** The connection ended with a WebSocket close frame, sent by the peer or by this side. */
public final class ConnectionClosedException extends ConnectionException {
    private final int code;
    private final String reason;
    private final boolean byPeer;

    public ConnectionClosedException(int code, String reason, boolean byPeer) {
        super("connection closed by " + (byPeer ? "the peer" : "this side") + " with code " + code
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.byPeer = byPeer;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean byPeer() {
        return byPeer;
    }
}
