package dev.sluice.protocol;

/**
 * The WebSocket close codes (private range 4000-4999) a connection is closed with when the peer
 * breaks the stream protocol. Each violation has its own code so that the peer's logs say exactly
 * what it did wrong; the close reason carries the details (stream id, sizes).
 */
public enum StreamCloseCode {
    /** A text message arrived; sluice.v1 carries stream frames in binary messages only. */
    TEXT_MESSAGE(4000),
    /** A binary message that is not a well-formed stream frame. */
    MALFORMED_FRAME(4001),
    /** A frame for an id in this side's id space that this side never opened. */
    UNOPENED_LOCAL_ID(4002),
    /** The peer opened a stream whose id is not the next one in its id space. */
    ID_OUT_OF_ORDER(4003),
    /** The first frame of a new stream was not its opening CREDIT. */
    OPENED_WITHOUT_CREDIT(4004),
    /** DATA, FIN or RESET after the peer already ended that direction (FIN or RESET). */
    FRAME_AFTER_END(4005),
    /** DATA, FIN or RESET for a stream that is closed: ids are never reused. */
    ID_REUSED(4006),
    /** DATA beyond the credit granted on that stream. */
    FLOW_CONTROL(4007),
    /** Credit grants that add up to more than 2^31-1 bytes outstanding on one stream. */
    CREDIT_OVERFLOW(4008);

    private final int code;

    StreamCloseCode(int code) {
        this.code = code;
    }

    /** The WebSocket close code. */
    public int code() {
        return code;
    }

    /** The constant for a close code, or null when the code is not a stream protocol code. */
    public static StreamCloseCode ofCode(int code) {
        for (StreamCloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
