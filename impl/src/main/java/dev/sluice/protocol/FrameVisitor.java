package dev.sluice.protocol;

import io.netty.buffer.ByteBuf;

/** Receives what {@link StreamProtocol#decode(ByteBuf, FrameVisitor)} decodes: one call per message. */
public interface FrameVisitor {
    /** A DATA frame; the visitor takes ownership of {@code payload} (one reference) and must release it. */
    void data(int streamId, ByteBuf payload) throws StreamProtocolException;

    /** A CREDIT (value: the increment), FIN (0), RESET or STOP (value: the error code). */
    void control(FrameType type, int streamId, int value) throws StreamProtocolException;
}
