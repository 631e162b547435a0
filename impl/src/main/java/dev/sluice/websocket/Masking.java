package dev.sluice.websocket;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The WebSocket masking XOR (RFC 6455, section 5.3), in place, for the decoder that unmasks what a
 * client sent and the encoder that masks what a client sends. The same operation both ways.
 */
final class Masking {
    /**
     * From this many bytes on, the XOR goes through an NIO view of the bytes ({@link #xorLongs});
     * below it, the view object (about 64 bytes of garbage per frame) would cost more than it saves.
     */
    static final int VIEW_BYTES = 1024;

    private Masking() {
    }

    /**
     * XORs the 4-byte {@code maskKey} (big-endian, as it travels) over {@code length} bytes of
     * {@code buf} from {@code index}, which are the payload's bytes from {@code payloadOffset} on
     * (the offset picks the key byte to start with); eight at a time where it can.
     */
    static void apply(ByteBuf buf, int index, int length, int maskKey, int payloadOffset) {
        int i = 0;
        if (length >= 8) {
            int rotated = Integer.rotateLeft(maskKey, 8 * (payloadOffset & 3));
            long key = ((long) rotated << 32) | (rotated & 0xFFFFFFFFL);
            if (length >= VIEW_BYTES && buf.nioBufferCount() == 1) {
                i = xorLongs(buf.nioBuffer(index, length), key);
            } else {
                for (; i + 8 <= length; i += 8) {
                    buf.setLong(index + i, buf.getLong(index + i) ^ key);
                }
            }
        }
        for (; i < length; i++) {
            int keyByte = maskKey >>> (24 - 8 * ((payloadOffset + i) & 3));
            buf.setByte(index + i, buf.getByte(index + i) ^ keyByte);
        }
    }

    /**
     * XORs {@code key} (big-endian, as the mask bytes come) over whole longs of {@code view}, a view
     * on the payload's memory; returns how many bytes it covered. Through an NIO view the loop is
     * a plain load, XOR and store: the same loop through {@code ByteBuf} (a slice of a pooled
     * buffer, whose accessors a busy call site can't inline) took two to six times as long per
     * 64 KiB. Little-endian, so that the CPU does not swap bytes twice per long.
     */
    private static int xorLongs(ByteBuffer view, long key) {
        view.order(ByteOrder.LITTLE_ENDIAN);
        long littleEndianKey = Long.reverseBytes(key);
        int end = view.remaining() & ~7;
        for (int i = 0; i < end; i += 8) {
            view.putLong(i, view.getLong(i) ^ littleEndianKey);
        }
        return end;
    }
}
