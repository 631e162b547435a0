package dev.sluice.websocket;

/** WebSocket close codes (RFC 6455 section 7.4) and the rules for what may appear on the wire. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Means "no code in the close frame"; never sent on the wire. */
    public static final int NO_STATUS = 1005;
    /** Means "closed without a close frame"; never sent on the wire. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * True for a code a peer may send: the defined codes 1000-1003 and 1007-1011, and the ranges
     * for libraries (3000-3999) and applications (4000-4999).
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1011)
                || (code >= 3000 && code <= 4999);
    }
}
