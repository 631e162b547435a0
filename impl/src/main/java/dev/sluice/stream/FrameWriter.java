package dev.sluice.stream;

import dev.sluice.protocol.FrameType;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.websocket.HeadroomBinaryFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.ArrayDeque;

/**
 * The outbound side of a multiplexer, and the {@link FrameSink} of its streams. Control frames
 * (CREDIT, STOP, RESET, FIN) are written at once: they are tiny, and holding back a CREDIT behind
 * data could stall both peers. DATA is sent in turns, one frame per stream per turn, and only
 * while the channel is below its high watermark, so one stream with a lot to send cannot starve
 * the others; a write that nothing waits ahead of goes out at once.
 *
 * <p>A DATA frame is its 5-byte header and the written buffer joined without copying the payload
 * (below {@link #GATHER_THRESHOLD} bytes, copied into one small buffer). On a connection whose
 * frames go out unmasked, the start of a larger payload is copied behind the header up to the end
 * of the frame's first TLS record ({@link #leadBytes}), for the reason given there.
 * Flushes are coalesced: frames written while the connection reads a batch are flushed once when
 * the batch ends (most writes answer reads), and others once per turn-giving round or, for a single
 * frame, at once. Event loop only.
 */
final class FrameWriter implements FrameSink {
    /**
     * Below this many payload bytes a DATA frame is one buffer, payload copied behind its header
     * and room left in front for the WebSocket frame header ({@link HeadroomBinaryFrame}), so that
     * this one copy is the only one: copying under a kilobyte costs less than a composite buffer and
     * its components. Larger payloads are never copied.
     */
    static final int GATHER_THRESHOLD = 1024;

    /** The most plaintext one TLS record carries; the TLS stage cuts what it is given into pieces of this size. */
    static final int TLS_RECORD_PLAINTEXT = 16 * 1024;

    private final int maxDataFrameBytes;
    /** Frames leave unmasked (the server's): the payload reaches the TLS stage as it is given. */
    private final boolean unmasked;
    /** Streams waiting for a sending turn; created the first time one waits (idle connections never do). */
    private ArrayDeque<MuxStream> turns;
    private ChannelHandlerContext ctx;
    private boolean draining;
    private boolean readBatch;
    private boolean unflushed;
    private boolean stopped;

    FrameWriter(int maxDataFrameBytes, boolean unmasked) {
        this.maxDataFrameBytes = maxDataFrameBytes;
        this.unmasked = unmasked;
    }

    void attach(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void requestTurn(MuxStream s) {
        if (stopped || s.scheduled) {
            return;
        }
        s.scheduled = true;
        if (turns == null) {
            turns = new ArrayDeque<>(4);
        }
        turns.add(s);
        drain();
    }

    @Override
    public boolean canSendNow() {
        return !stopped && noTurnsWaiting() && ctx.channel().isWritable();
    }

    /** Gives turns while the channel is writable; resumed by channelWritabilityChanged. */
    void drain() {
        if (draining || stopped) {
            return;
        }
        draining = true;
        try {
            while (!noTurnsWaiting() && !stopped) {
                if (!ctx.channel().isWritable()) {
                    flush();
                    if (!ctx.channel().isWritable()) {
                        return;
                    }
                }
                MuxStream s = turns.poll();
                s.scheduled = false;
                if (s.sendTurn(maxDataFrameBytes) && !s.scheduled) {
                    s.scheduled = true;
                    turns.add(s);
                }
            }
        } finally {
            draining = false;
            flushUnlessReading();
        }
    }

    /** The connection started reading a batch: flush once at its end ({@link #endReadBatch}). */
    void startReadBatch() {
        readBatch = true;
    }

    void endReadBatch() {
        readBatch = false;
        drain();
        flushUnlessReading();
    }

    @Override
    public void credit(int streamId, int increment) {
        control(FrameType.CREDIT, streamId, increment);
    }

    @Override
    public void stop(int streamId, int errorCode) {
        control(FrameType.STOP, streamId, errorCode);
    }

    @Override
    public void reset(int streamId, int errorCode) {
        control(FrameType.RESET, streamId, errorCode);
    }

    @Override
    public void fin(int streamId) {
        if (stopped) {
            return;
        }
        ByteBuf out = HeadroomBinaryFrame.buffer(ctx.alloc(), StreamProtocol.HEADER_LENGTH);
        StreamProtocol.writeHeader(out, FrameType.FIN, streamId);
        write(HeadroomBinaryFrame.of(out));
    }

    private void control(FrameType type, int streamId, int value) {
        if (stopped) {
            return;
        }
        ByteBuf out = HeadroomBinaryFrame.buffer(ctx.alloc(), StreamProtocol.HEADER_LENGTH + 4);
        StreamProtocol.writeHeader(out, type, streamId);
        out.writeInt(value);
        write(HeadroomBinaryFrame.of(out));
    }

    @Override
    public void data(int streamId, ByteBuf payload) {
        if (stopped) {
            payload.release();
            return;
        }
        int n = payload.readableBytes();
        if (n < GATHER_THRESHOLD) {
            ByteBuf frame = HeadroomBinaryFrame.buffer(ctx.alloc(), StreamProtocol.HEADER_LENGTH + n);
            StreamProtocol.writeHeader(frame, FrameType.DATA, streamId);
            // getBytes copies memory to memory; writeBytes from a slice would allocate an NIO view per frame
            payload.getBytes(payload.readerIndex(), frame, n);
            payload.release();
            write(HeadroomBinaryFrame.of(frame));
            return;
        }
        int lead = unmasked ? leadBytes(n) : 0;
        ByteBuf header = ctx.alloc().buffer(StreamProtocol.HEADER_LENGTH + lead);
        StreamProtocol.writeHeader(header, FrameType.DATA, streamId);
        if (lead > 0) {
            payload.getBytes(payload.readerIndex(), header, lead);
            if (lead == n) {
                payload.release();
                write(new BinaryWebSocketFrame(header));
                return;
            }
            payload.skipBytes(lead);
        }
        CompositeByteBuf frame = ctx.alloc().compositeBuffer(2);
        // one at a time: the varargs form allocates an array per frame
        frame.addComponent(true, header);
        frame.addComponent(true, payload);
        write(new BinaryWebSocketFrame(frame));
    }

    /**
     * How many payload bytes to copy behind the header of a DATA frame of {@code payloadBytes}
     * bytes, so that the frame's share of its first TLS record is one buffer. The WebSocket encoder
     * writes its frame header as a buffer of its own, and the TLS stage joins that header and the
     * first record's worth of the message into one buffer by copying; when that piece spans two
     * buffers (our header and the payload), the copy first gathers it into a temporary heap buffer
     * (16 KiB of garbage and a second copy per message). One copy of our own avoids both.
     */
    static int leadBytes(int payloadBytes) {
        int webSocketPayload = StreamProtocol.HEADER_LENGTH + payloadBytes;
        int webSocketHeader = webSocketPayload < 126 ? 2 : webSocketPayload <= 0xFFFF ? 4 : 10;
        int firstRecordShare = TLS_RECORD_PLAINTEXT - webSocketHeader - StreamProtocol.HEADER_LENGTH;
        return Math.min(payloadBytes, firstRecordShare);
    }

    private void write(BinaryWebSocketFrame frame) {
        ctx.write(frame, ctx.voidPromise());
        unflushed = true;
        if (!draining) {
            flushUnlessReading();
        }
    }

    private void flushUnlessReading() {
        if (!readBatch) {
            flush();
        }
    }

    private void flush() {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** No frame leaves after this (the connection failed); turns are dropped. */
    void stop() {
        stopped = true;
        if (turns != null) {
            for (MuxStream s : turns) {
                s.scheduled = false;
            }
            turns.clear();
        }
    }

    private boolean noTurnsWaiting() {
        return turns == null || turns.isEmpty();
    }
}
