package dev.sluice.protocol;

/** The five stream frame types and their wire codes (see {@link StreamProtocol}). */
public enum FrameType {
    /** Application bytes for the sender's direction of the stream; needs credit. */
    DATA(0x00, -1),
    /** Grants the peer this many more bytes of DATA on the stream; the first one opens a stream. */
    CREDIT(0x01, 4),
    /** The sender's direction is done: no DATA follows. */
    FIN(0x02, 0),
    /** The sender aborts its direction with an application error code (QUIC RESET_STREAM). */
    RESET(0x03, 4),
    /** The sender asks the peer to stop sending with an application error code (QUIC STOP_SENDING). */
    STOP(0x04, 4);

    private static final FrameType[] BY_CODE = values();

    private final int code;
    private final int fixedBodyLength;

    FrameType(int code, int fixedBodyLength) {
        this.code = code;
        this.fixedBodyLength = fixedBodyLength;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** The exact body length this type requires, or -1 when the body is free-length (DATA). */
    public int fixedBodyLength() {
        return fixedBodyLength;
    }

    /** The type for a wire code, or null when the code is not a known type. */
    public static FrameType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
