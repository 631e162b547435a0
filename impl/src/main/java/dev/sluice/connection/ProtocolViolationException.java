package dev.sluice.connection;

/**
 * A peer broke the protocol. The connection is closed with {@link #closeCode()} and
 * {@link #getMessage()} as the close reason (truncated to fit 123 bytes of UTF-8 on the wire).
 */
public final class ProtocolViolationException extends ConnectionException {
    private final int closeCode;
    private final boolean byPeer;

    /**
     * @param closeCode the WebSocket close code
     * @param reason    what was wrong, exactly
     * @param byPeer    true when the peer detected the violation and told us with a close frame
     */
    public ProtocolViolationException(int closeCode, String reason, boolean byPeer) {
        super(reason);
        this.closeCode = closeCode;
        this.byPeer = byPeer;
    }

    public int closeCode() {
        return closeCode;
    }

    public boolean byPeer() {
        return byPeer;
    }
}
