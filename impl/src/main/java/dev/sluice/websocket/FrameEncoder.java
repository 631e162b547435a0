package dev.sluice.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The frame encoder of both sides (RFC 6455, section 5.2): the client's frames masked (section 5.3),
 * the server's not. Three ways out, cheapest first:
 * <ul>
 *   <li>a {@link HeadroomBinaryFrame} (the stream layer's small frames): the header is written into
 *   the room before the payload, the payload masked there in place, and the content goes out as the
 *   frame's bytes, with no buffer of the encoder's own;</li>
 *   <li>an unmasked payload of {@link #GATHER_THRESHOLD} bytes or more: a header buffer, then the
 *   payload itself (never copied);</li>
 *   <li>otherwise header and payload in one new buffer: the payload copied memory to memory (whatever
 *   its layout) and, on the client, the key XORed over the copy through {@link Masking}. Netty's
 *   encoder masks with a {@code getLong}/{@code writeLong} loop through the payload's
 *   {@code ByteBuf}, which on a stream DATA frame (a composite of our header and the written buffer)
 *   finds the composite's component for every 8 bytes.</li>
 * </ul>
 * The byte layout is Netty's {@code WebSocket08FrameEncoder}'s, which the server used before.
 *
 * <p>The masking key comes from the thread's {@link ThreadLocalRandom}, as in Netty's encoder: the
 * key defends intermediaries against payloads a script chose, and a new one per frame that the
 * script can't see does that.
 */
final class FrameEncoder extends MessageToMessageEncoder<WebSocketFrame> implements WebSocketFrameEncoder {
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    /** Control frames carry at most this many payload bytes (RFC 6455, section 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /**
     * Unmasked payloads from this size on follow a header buffer of their own instead of being
     * copied behind it (Netty's encoder draws the line at the same 1 KiB).
     */
    static final int GATHER_THRESHOLD = 1024;
    private static final int MASK_BIT = 0x80;

    private final boolean masked;

    /** @param masked true for a client's frames */
    FrameEncoder(boolean masked) {
        super(WebSocketFrame.class);
        this.masked = masked;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
        ByteBuf payload = frame.content();
        int opcode = opcode(frame);
        int length = payload.readableBytes();
        if (opcode >= OPCODE_CLOSE && length > MAX_CONTROL_PAYLOAD) {
            throw new TooLongFrameException("a control frame carries at most " + MAX_CONTROL_PAYLOAD
                    + " payload bytes, not " + length + " (" + frame.getClass().getSimpleName() + ")");
        }
        int firstByte = (frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() % 8) << 4 | opcode;
        int headerBytes = headerBytes(length);
        int maskKey = masked ? ThreadLocalRandom.current().nextInt() : 0;
        if (frame instanceof HeadroomBinaryFrame && payload.readerIndex() >= headerBytes && payload.refCnt() == 1) {
            int start = payload.readerIndex() - headerBytes;
            writeHeader(payload, start, firstByte, length, maskKey);
            if (masked) {
                Masking.apply(payload, payload.readerIndex(), length, maskKey, 0);
            }
            payload.readerIndex(start);
            out.add(payload.retain());
            return;
        }
        if (!masked && length >= GATHER_THRESHOLD) {
            ByteBuf header = ctx.alloc().buffer(headerBytes);
            writeHeader(header, 0, firstByte, length, maskKey);
            out.add(header.writerIndex(headerBytes));
            out.add(payload.retain());
            return;
        }
        ByteBuf encoded = ctx.alloc().buffer(headerBytes + length);
        try {
            writeHeader(encoded, 0, firstByte, length, maskKey);
            encoded.writerIndex(headerBytes);
            encoded.writeBytes(payload, payload.readerIndex(), length);
            if (masked) {
                Masking.apply(encoded, headerBytes, length, maskKey, 0);
            }
            out.add(encoded);
            encoded = null;
        } finally {
            if (encoded != null) {
                encoded.release();
            }
        }
    }

    /** The header's length: two bytes, the extended length if any, the mask key if masked. */
    private int headerBytes(int payloadLength) {
        return 2 + extendedLengthBytes(payloadLength) + (masked ? 4 : 0);
    }

    private static int extendedLengthBytes(int payloadLength) {
        return payloadLength <= MAX_CONTROL_PAYLOAD ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
    }

    /** Writes the header at {@code index} of {@code buf} without moving its indexes. */
    private void writeHeader(ByteBuf buf, int index, int firstByte, int length, int maskKey) {
        int maskBit = masked ? MASK_BIT : 0;
        buf.setByte(index, firstByte);
        int next = index + 2;
        switch (extendedLengthBytes(length)) {
            case 0:
                buf.setByte(index + 1, maskBit | length);
                break;
            case 2:
                buf.setByte(index + 1, maskBit | 126);
                buf.setShort(next, length);
                next += 2;
                break;
            default:
                buf.setByte(index + 1, maskBit | 127);
                buf.setLong(next, length);
                next += 8;
                break;
        }
        if (masked) {
            buf.setInt(next, maskKey);
        }
    }

    private static int opcode(WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            return OPCODE_BINARY;
        }
        if (frame instanceof TextWebSocketFrame) {
            return OPCODE_TEXT;
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            return OPCODE_CONTINUATION;
        }
        if (frame instanceof PingWebSocketFrame) {
            return OPCODE_PING;
        }
        if (frame instanceof PongWebSocketFrame) {
            return OPCODE_PONG;
        }
        if (frame instanceof CloseWebSocketFrame) {
            return OPCODE_CLOSE;
        }
        throw new UnsupportedOperationException("cannot encode a frame of type " + frame.getClass().getName());
    }
}
