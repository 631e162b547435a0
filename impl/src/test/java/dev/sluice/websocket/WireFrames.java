package dev.sluice.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built RFC 6455 frames as raw bytes, valid or not, and a parser for what comes back. */
public final class WireFrames {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    /** A fixed mask key keeps fixtures reproducible; masking is not a security measure here. */
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private WireFrames() {
    }

    /** A frame as a client sends it: FIN set, masked. */
    public static byte[] client(int opcode, byte[] payload) {
        return frame(true, 0, opcode, true, payload);
    }

    public static byte[] clientText(String text) {
        return client(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame payload: the code, then the reason bytes as given (valid UTF-8 or not). */
    public static byte[] closePayload(int code, byte[] reason) {
        return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
    }

    /** Any frame; {@code rsv} holds the three reserved bits (0..7). */
    public static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0F);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (masked) {
            out.writeBytes(MASK);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ MASK[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** Just a header announcing {@code length} payload bytes (64-bit length form), masked. */
    public static byte[] header64(int opcode, long length) {
        return ByteBuffer.allocate(14).put((byte) (0x80 | opcode)).put((byte) (0x80 | 127)).putLong(length)
                .put(MASK).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One decoded frame from the server (unmasked) side. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Parses whole unmasked frames from {@code bytes}; a trailing partial frame is ignored. */
    public static List<Frame> parse(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<Frame> frames = new ArrayList<>();
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                if (in.readableBytes() < 2) {
                    break;
                }
                length = in.readUnsignedShort();
            } else if (length == 127) {
                if (in.readableBytes() < 8) {
                    break;
                }
                length = in.readLong();
            }
            if (in.readableBytes() < length) {
                in.readerIndex(start);
                break;
            }
            byte[] payload = new byte[(int) length];
            in.readBytes(payload);
            frames.add(new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload));
        }
        return frames;
    }
}
