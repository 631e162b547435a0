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
 * The client's frame encoder: every frame masked (RFC 6455, section 5.3), header and masked payload
 * in one buffer. Netty's encoder does the same with a {@code getLong}/{@code writeLong} loop through
 * the payload's {@code ByteBuf}: on a stream DATA frame (a composite of our header and the written
 * buffer) that loop finds the composite's component for every 8 bytes, and the same loop through
 * a pooled slice took two to six times as long per 64 KiB as through an NIO view (see
 * {@link Masking}). Here the payload is copied (memory to memory, whatever its layout) and the key
 * XORed over the copy in place, through an NIO view. The server's frames are unmasked and keep
 * Netty's encoder.
 *
 * <p>The masking key comes from the thread's {@link ThreadLocalRandom}, as in Netty's encoder: the
 * key defends intermediaries against payloads a script chose, and a new one per frame that the
 * script can't see does that.
 */
final class MaskingFrameEncoder extends MessageToMessageEncoder<WebSocketFrame> implements WebSocketFrameEncoder {
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    /** Control frames carry at most this many payload bytes (RFC 6455, section 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int MASK_BIT = 0x80;

    MaskingFrameEncoder() {
        super(WebSocketFrame.class);
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
        int lengthBytes = length <= MAX_CONTROL_PAYLOAD ? 0 : length <= 0xFFFF ? 2 : 8;
        ByteBuf encoded = ctx.alloc().buffer(2 + lengthBytes + 4 + length);
        try {
            encoded.writeByte((frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() % 8) << 4 | opcode);
            if (lengthBytes == 0) {
                encoded.writeByte(MASK_BIT | length);
            } else if (lengthBytes == 2) {
                encoded.writeByte(MASK_BIT | 126);
                encoded.writeShort(length);
            } else {
                encoded.writeByte(MASK_BIT | 127);
                encoded.writeLong(length);
            }
            int maskKey = ThreadLocalRandom.current().nextInt();
            encoded.writeInt(maskKey);
            int start = encoded.writerIndex();
            encoded.writeBytes(payload, payload.readerIndex(), length);
            Masking.apply(encoded, start, length, maskKey, 0);
            out.add(encoded);
            encoded = null;
        } finally {
            if (encoded != null) {
                encoded.release();
            }
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
