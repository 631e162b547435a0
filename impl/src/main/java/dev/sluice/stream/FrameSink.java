package dev.sluice.stream;

import io.netty.buffer.ByteBuf;

/**
 * Where a stream's two directions write their frames. The stream layer's {@link FrameWriter} is the
 * one implementation on a connection; a stream never reaches past it into the multiplexer.
 * Event loop only.
 */
interface FrameSink {
    /** Writes a CREDIT (increment), STOP or RESET (error code) frame now: control frames never wait. */
    void credit(int streamId, int increment);

    void stop(int streamId, int errorCode);

    void reset(int streamId, int errorCode);

    void fin(int streamId);

    /** Writes one DATA frame; takes ownership of {@code payload}. */
    void data(int streamId, ByteBuf payload);

    /** True when a DATA frame may go out at once: the channel is writable and no stream waits for a turn. */
    boolean canSendNow();

    /** Asks for sending turns for {@code stream}, which has data (or a FIN) ready and the credit for it. */
    void requestTurn(MuxStream stream);
}
