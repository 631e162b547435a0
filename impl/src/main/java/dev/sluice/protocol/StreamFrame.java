package dev.sluice.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * One decoded stream frame. {@code value} is the credit increment (CREDIT) or the application
 * error code (RESET, STOP) and 0 otherwise; {@code payload} is the DATA bytes (the frame owns one
 * reference to it) and an empty buffer for every other type.
 */
public record StreamFrame(FrameType type, int streamId, int value, ByteBuf payload) {

    public StreamFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    public static StreamFrame data(int streamId, ByteBuf payload) {
        return new StreamFrame(FrameType.DATA, streamId, 0, payload);
    }

    public static StreamFrame credit(int streamId, int increment) {
        return new StreamFrame(FrameType.CREDIT, streamId, increment, Unpooled.EMPTY_BUFFER);
    }

    public static StreamFrame fin(int streamId) {
        return new StreamFrame(FrameType.FIN, streamId, 0, Unpooled.EMPTY_BUFFER);
    }

    public static StreamFrame reset(int streamId, int errorCode) {
        return new StreamFrame(FrameType.RESET, streamId, errorCode, Unpooled.EMPTY_BUFFER);
    }

    public static StreamFrame stop(int streamId, int errorCode) {
        return new StreamFrame(FrameType.STOP, streamId, errorCode, Unpooled.EMPTY_BUFFER);
    }

    /** Releases the payload; safe for every type. */
    public void release() {
        if (payload.refCnt() > 0 && payload != Unpooled.EMPTY_BUFFER) {
            payload.release();
        }
    }

    @Override
    public String toString() {
        return switch (type) {
            case DATA -> "DATA(stream " + streamId + ", " + payload.readableBytes() + " bytes)";
            case CREDIT -> "CREDIT(stream " + streamId + ", +" + Integer.toUnsignedString(value) + ")";
            case FIN -> "FIN(stream " + streamId + ")";
            case RESET -> "RESET(stream " + streamId + ", code " + Integer.toUnsignedString(value) + ")";
            case STOP -> "STOP(stream " + streamId + ", code " + Integer.toUnsignedString(value) + ")";
        };
    }
}
