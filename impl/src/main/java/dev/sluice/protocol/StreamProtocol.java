package dev.sluice.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Wire constants and the stateless codec of sluice.v1 stream frames. Every WebSocket binary
 * message carries exactly one frame:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |0|              stream id (31 bits) ...        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ... stream id |  body (to the end of the message) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * DATA   (0x00) body: 0..n application bytes
 * CREDIT (0x01) body: increment, u32 big-endian, 1..2^31-1
 * FIN    (0x02) body: empty
 * RESET  (0x03) body: application error code, u32 big-endian
 * STOP   (0x04) body: application error code, u32 big-endian
 * </pre>
 *
 * The message length delimits the body, so there is no length field. Stream ids are 1..2^31-1:
 * odd ids are opened by the client, even ids by the server, each side in increasing order
 * without gaps, and an id is never reused. A stream is opened explicitly by its first frame,
 * which must be a CREDIT granting the opener's receive window.
 */
public final class StreamProtocol {
    /** The WebSocket subprotocol that names this wire format. */
    public static final String SUBPROTOCOL = "sluice.v1";

    /** Type byte plus stream id. */
    public static final int HEADER_LENGTH = 5;
    /** Stream ids are positive 31-bit integers. */
    public static final int MAX_STREAM_ID = Integer.MAX_VALUE;
    /** The first id the client opens; it then opens 3, 5, ... */
    public static final int FIRST_CLIENT_STREAM_ID = 1;
    /** The first id the server opens; it then opens 4, 6, ... */
    public static final int FIRST_SERVER_STREAM_ID = 2;
    /** The largest credit increment and the largest window a stream may grant. */
    public static final int MAX_CREDIT = Integer.MAX_VALUE;

    /** Error code for a plain cancel or abort without an application reason. */
    public static final int NO_ERROR = 0;
    /** Reserved error code: the receiving side refused the stream (stream limit or stopping). */
    public static final int REFUSED = 0xFFFF_0001;
    /** Reserved error code: the application's stream handler failed. */
    public static final int HANDLER_FAILED = 0xFFFF_0002;

    private StreamProtocol() {
    }

    /** True when {@code streamId} is in the id space of the client (odd ids). */
    public static boolean isClientId(int streamId) {
        return (streamId & 1) == 1;
    }

    /** Encodes a whole frame into a new buffer; a DATA frame's payload is copied, not released. */
    public static ByteBuf encode(ByteBufAllocator alloc, StreamFrame frame) {
        int body = frame.type() == FrameType.DATA ? frame.payload().readableBytes() : frame.type().fixedBodyLength();
        ByteBuf out = alloc.buffer(HEADER_LENGTH + body);
        writeHeader(out, frame.type(), frame.streamId());
        if (frame.type() == FrameType.DATA) {
            out.writeBytes(frame.payload(), frame.payload().readerIndex(), body);
        } else if (body == 4) {
            out.writeInt(frame.value());
        }
        return out;
    }

    /** Writes the five header bytes; a DATA body is then appended by the caller. */
    public static void writeHeader(ByteBuf out, FrameType type, int streamId) {
        checkStreamId(streamId);
        out.writeByte(type.code());
        out.writeInt(streamId);
    }

    /**
     * Decodes one message into {@code visitor}, allocating nothing, and takes ownership of it: a
     * DATA frame's payload is {@code message} itself, its reader index moved past the header, and
     * goes to the visitor with the reference; for every other frame, and when the message is
     * malformed, {@code message} is released here.
     *
     * @throws StreamProtocolException as {@link #decode(ByteBuf)}, or as the visitor throws
     */
    public static void decode(ByteBuf message, FrameVisitor visitor) throws StreamProtocolException {
        int start = message.readerIndex();
        FrameType type;
        try {
            type = validateHeader(message);
        } catch (StreamProtocolException e) {
            message.release();
            throw e;
        }
        int streamId = message.getInt(start + 1);
        if (type == FrameType.DATA) {
            message.skipBytes(HEADER_LENGTH);
            visitor.data(streamId, message);
            return;
        }
        int value;
        try {
            value = controlValue(message, type, streamId, start);
        } finally {
            message.release();
        }
        visitor.control(type, streamId, value);
    }

    /**
     * Decodes one message. For DATA the returned payload is a retained slice of {@code message}
     * (release it, or the frame); {@code message} itself is neither consumed nor released.
     *
     * @throws StreamProtocolException with {@link StreamCloseCode#MALFORMED_FRAME} for any
     *         message that is not a well-formed frame; no other exception for any input
     */
    public static StreamFrame decode(ByteBuf message) throws StreamProtocolException {
        int start = message.readerIndex();
        FrameType type = validateHeader(message);
        int streamId = message.getInt(start + 1);
        if (type == FrameType.DATA) {
            return StreamFrame.data(streamId,
                    message.retainedSlice(start + HEADER_LENGTH, message.readableBytes() - HEADER_LENGTH));
        }
        return new StreamFrame(type, streamId, controlValue(message, type, streamId, start),
                io.netty.buffer.Unpooled.EMPTY_BUFFER);
    }

    /** The frame's type, once the header is known to be well formed. */
    private static FrameType validateHeader(ByteBuf message) throws StreamProtocolException {
        int length = message.readableBytes();
        int start = message.readerIndex();
        if (length < HEADER_LENGTH) {
            throw malformed("message of " + length + " bytes is shorter than the 5-byte frame header");
        }
        int typeCode = message.getUnsignedByte(start);
        FrameType type = FrameType.ofCode(typeCode);
        if (type == null) {
            throw malformed("unknown frame type 0x" + Integer.toHexString(typeCode));
        }
        int streamId = message.getInt(start + 1);
        if (streamId <= 0) {
            throw malformed(type + " frame with invalid stream id " + Integer.toUnsignedString(streamId)
                    + " (ids are 1..2^31-1)");
        }
        return type;
    }

    /** The credit increment or error code of a control frame, checked. */
    private static int controlValue(ByteBuf message, FrameType type, int streamId, int start)
            throws StreamProtocolException {
        int body = message.readableBytes() - HEADER_LENGTH;
        if (body != type.fixedBodyLength()) {
            throw malformed(type + " frame on stream " + streamId + " has a " + body + "-byte body, expected "
                    + type.fixedBodyLength());
        }
        int value = body == 4 ? message.getInt(start + HEADER_LENGTH) : 0;
        if (type == FrameType.CREDIT && value <= 0) {
            throw malformed("CREDIT frame on stream " + streamId + " grants " + Integer.toUnsignedString(value)
                    + " bytes (must be 1..2^31-1)");
        }
        return value;
    }

    private static StreamProtocolException malformed(String reason) {
        return new StreamProtocolException(StreamCloseCode.MALFORMED_FRAME, "malformed frame: " + reason);
    }

    private static void checkStreamId(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("stream id must be 1..2^31-1: " + streamId);
        }
    }
}
