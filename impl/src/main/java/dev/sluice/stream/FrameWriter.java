package dev.sluice.stream;

import dev.sluice.defect.Defects;
import dev.sluice.protocol.FrameType;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * The outbound side of a multiplexer. Control frames (CREDIT, STOP, RESET, FIN) are written at
 * once: they are tiny, and holding back a CREDIT behind data could stall both peers. DATA is sent
 * in turns, one frame per stream per turn, and only while the channel is below its high
 * watermark, so one stream with a lot to send cannot starve the others. Writes are flushed once
 * per event-loop task. Event loop only.
 */
final class FrameWriter {
    private final ChannelHandlerContext ctx;
    private final int maxDataFrameBytes;
    private final ArrayDeque<MuxStream> turns = new ArrayDeque<>();
    private final Runnable flushTask = this::flushNow;
    private boolean draining;
    private boolean flushScheduled;
    private boolean stopped;

    FrameWriter(ChannelHandlerContext ctx, int maxDataFrameBytes) {
        this.ctx = ctx;
        this.maxDataFrameBytes = maxDataFrameBytes;
    }

    /** Queues {@code s} for a sending turn and sends what the socket accepts now. */
    void schedule(MuxStream s) {
        if (stopped || s.scheduled) {
            return;
        }
        s.scheduled = true;
        turns.add(s);
        drain();
    }

    /** Gives turns while the channel is writable; resumed by channelWritabilityChanged. */
    void drain() {
        if (draining || stopped) {
            return;
        }
        draining = true;
        try {
            while (!turns.isEmpty() && !stopped) {
                if (!ctx.channel().isWritable()) {
                    ctx.flush();
                    if (!ctx.channel().isWritable()) {
                        return;
                    }
                }
                MuxStream s = turns.poll();
                s.scheduled = false;
                if (s.sender.sendOne(maxDataFrameBytes) && !s.scheduled) {
                    s.scheduled = true;
                    turns.add(s);
                }
            }
        } finally {
            draining = false;
        }
    }

    void writeControl(StreamFrame frame) {
        if (stopped) {
            return;
        }
        ctx.write(new BinaryWebSocketFrame(StreamProtocol.encode(ctx.alloc(), frame)));
        markWritten();
    }

    /** Writes one DATA frame of the next {@code n} bytes of {@code src}, advancing its position. */
    void writeData(int streamId, ByteBuffer src, int n) {
        ByteBuf out = ctx.alloc().buffer(StreamProtocol.HEADER_LENGTH + n);
        StreamProtocol.writeHeader(out, FrameType.DATA, streamId);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        out.writeBytes(part);
        if (n > 0 && Defects.corruptThisDataFrame()) {
            int victim = out.writerIndex() - 1 - n / 2;
            out.setByte(victim, out.getByte(victim) ^ 0x20);
        }
        src.position(src.position() + n);
        ctx.write(new BinaryWebSocketFrame(out));
        markWritten();
    }

    /** No frame leaves after this (the connection failed); turns are dropped. */
    void stop() {
        stopped = true;
        turns.clear();
    }

    private void markWritten() {
        if (!flushScheduled) {
            flushScheduled = true;
            try {
                ctx.executor().execute(flushTask);
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down: flush now rather than never
                flushNow();
            }
        }
    }

    private void flushNow() {
        flushScheduled = false;
        ctx.flush();
    }
}
