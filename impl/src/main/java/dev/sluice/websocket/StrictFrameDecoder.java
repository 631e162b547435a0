package dev.sluice.websocket;

import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Decodes RFC 6455 frames with every check the RFC asks of a receiver, failing as early as the
 * bytes allow: header rules as soon as the first two bytes are in, limits before any payload is
 * allocated, and UTF-8 of text messages byte by byte as the payload arrives (so an invalid
 * sequence fails the connection inside the frame, not when it ends).
 *
 * <p>A violation goes one way: {@link #fail} drops all further input and fires a
 * {@link ProtocolViolationException} (close code + exact reason) for the connection owner above,
 * which sends the one close frame.
 * After the peer's close frame, input is ignored. All state belongs to the channel's event loop.
 */
final class StrictFrameDecoder extends ByteToMessageDecoder {
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    private static final int NO_MESSAGE = -1;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int MIN_PAYLOAD_BUFFER = 256;
    /**
     * Payloads from this size on leave as slices of the cumulation; smaller ones are copied into a
     * pooled buffer, which costs less than a slice object and does not pin the cumulation.
     */
    private static final int SLICE_THRESHOLD = 1024;
    /**
     * The smallest piece of a payload still arriving that is taken out as a slice: smaller pieces
     * wait in the cumulation, so a peer that dribbles bytes can't make a slice per byte.
     */
    private static final int MIN_PART_BYTES = 8 * 1024;
    /** Beyond this many pieces the composite consolidates (one copy); 16 MiB frames stay under it. */
    private static final int MAX_PARTS = 4096;

    private enum State { HEADER, PAYLOAD, CLOSED_BY_PEER, FAILED }

    private final boolean expectMaskedFrames;
    private final WebSocketLimits limits;
    /** Created with the first text message: binary-only connections never need one. */
    private Utf8Validator utf8;

    private State state = State.HEADER;
    // The frame being read.
    private boolean fin;
    private int opcode;
    private int maskKey;
    private boolean masked;
    private int payloadLength;
    private ByteBuf payload;
    // The message in progress across fragments: OP_TEXT, OP_BINARY or NO_MESSAGE.
    private int messageOpcode = NO_MESSAGE;
    private long messageBytes;

    StrictFrameDecoder(boolean expectMaskedFrames, WebSocketLimits limits) {
        this.expectMaskedFrames = expectMaskedFrames;
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HEADER -> {
                if (readHeader(ctx, in)) {
                    readPayload(ctx, in, out);
                }
            }
            case PAYLOAD -> readPayload(ctx, in, out);
            default -> in.skipBytes(in.readableBytes());
        }
    }

    /** True when a whole, valid header was consumed and the payload can be read. */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 2) {
            return false;
        }
        int start = in.readerIndex();
        int b0 = in.getUnsignedByte(start);
        int b1 = in.getUnsignedByte(start + 1);
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7F;
        String violation = headerViolation(b0 & 0x70, length7);
        if (violation != null) {
            fail(ctx, in, CloseCodes.PROTOCOL_ERROR, violation);
            return false;
        }
        int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        int headerBytes = 2 + lengthBytes + (masked ? 4 : 0);
        if (in.readableBytes() < headerBytes) {
            return false;
        }
        long length = lengthBytes == 2 ? in.getUnsignedShort(start + 2)
                : lengthBytes == 8 ? in.getLong(start + 2) : length7;
        if (lengthBytes == 8 && length < 0) {
            fail(ctx, in, CloseCodes.PROTOCOL_ERROR, "frame length with the most significant bit set");
            return false;
        }
        if ((lengthBytes == 2 && length < 126) || (lengthBytes == 8 && length <= 0xFFFF)) {
            fail(ctx, in, CloseCodes.PROTOCOL_ERROR, "frame length not in its shortest encoding");
            return false;
        }
        if (isData(opcode)) {
            if (length > limits.maxFramePayloadBytes()) {
                fail(ctx, in, CloseCodes.MESSAGE_TOO_BIG, "frame of " + length + " bytes exceeds the limit of "
                        + limits.maxFramePayloadBytes() + " bytes");
                return false;
            }
            if (messageBytes + length > limits.maxMessageBytes()) {
                fail(ctx, in, CloseCodes.MESSAGE_TOO_BIG, "message of at least " + (messageBytes + length)
                        + " bytes exceeds the limit of " + limits.maxMessageBytes() + " bytes");
                return false;
            }
            messageBytes += length;
            if (opcode != OP_CONTINUATION) {
                messageOpcode = opcode;
                if (opcode == OP_TEXT) {
                    if (utf8 == null) {
                        utf8 = new Utf8Validator();
                    } else {
                        utf8.reset();
                    }
                }
            }
        }
        maskKey = masked ? in.getInt(start + headerBytes - 4) : 0;
        payloadLength = (int) length;
        in.skipBytes(headerBytes);
        // Text is copied as it arrives so that its UTF-8 is checked inside the frame; other payloads
        // wait in the cumulation until whole and leave as a slice of it. Either way memory grows
        // only as bytes arrive: a peer announcing big frames and sending nothing costs nothing.
        payload = length == 0 ? Unpooled.EMPTY_BUFFER
                : isText() ? ctx.alloc().buffer(Math.min(payloadLength, Math.max(in.readableBytes(), MIN_PAYLOAD_BUFFER)),
                        payloadLength)
                : null;
        state = State.PAYLOAD;
        return true;
    }

    /** The rules that the first two header bytes alone can break, or null. */
    private String headerViolation(int reservedBits, int length7) {
        if (reservedBits != 0) {
            return "reserved bits set without a negotiated extension";
        }
        boolean control = (opcode & 0x8) != 0;
        if (!control && opcode > OP_BINARY || control && opcode > OP_PONG) {
            return "reserved opcode " + opcode;
        }
        if (control && !fin) {
            return "fragmented control frame";
        }
        if (control && length7 > MAX_CONTROL_PAYLOAD) {
            return "control frame payload over 125 bytes";
        }
        if (control && opcode == OP_CLOSE && length7 == 1) {
            return "close frame with a 1-byte payload";
        }
        if (masked != expectMaskedFrames) {
            return expectMaskedFrames ? "client frame without a mask" : "server frame with a mask";
        }
        if (opcode == OP_CONTINUATION && messageOpcode == NO_MESSAGE) {
            return "continuation frame without a message to continue";
        }
        if ((opcode == OP_TEXT || opcode == OP_BINARY) && messageOpcode != NO_MESSAGE) {
            return "new message before the previous one ended";
        }
        return null;
    }

    private void readPayload(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (payload == null || payload instanceof CompositeByteBuf) {
            if (!takeNonTextPayload(ctx, in)) {
                return;
            }
        } else {
            int offset = payload.writerIndex();
            int chunk = Math.min(in.readableBytes(), payloadLength - offset);
            if (chunk > 0) {
                payload.writeBytes(in, chunk);
                if (masked) {
                    unmask(payload, payload.readerIndex() + offset, offset, chunk);
                }
                if (isText() && !utf8.accept(payload, offset, chunk)) {
                    fail(ctx, in, CloseCodes.INVALID_PAYLOAD, "invalid UTF-8 in a text message");
                    return;
                }
            }
        }
        if (payload.writerIndex() < payloadLength) {
            return;
        }
        state = State.HEADER;
        ByteBuf complete = payload;
        payload = null;
        if (isData(opcode)) {
            completeDataFrame(ctx, in, complete, out);
        } else if (opcode == OP_CLOSE) {
            completeCloseFrame(ctx, in, complete, out);
        } else if (opcode == OP_PING) {
            out.add(new PingWebSocketFrame(complete));
        } else {
            out.add(new PongWebSocketFrame(complete));
        }
    }

    private void completeDataFrame(ChannelHandlerContext ctx, ByteBuf in, ByteBuf content, List<Object> out) {
        if (fin) {
            if (isText() && !utf8.isComplete()) {
                content.release();
                fail(ctx, in, CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
                return;
            }
            messageOpcode = NO_MESSAGE;
            messageBytes = 0;
        }
        out.add(switch (opcode) {
            case OP_TEXT -> new TextWebSocketFrame(fin, 0, content);
            case OP_BINARY -> new BinaryWebSocketFrame(fin, 0, content);
            default -> new ContinuationWebSocketFrame(fin, 0, content);
        });
    }

    private void completeCloseFrame(ChannelHandlerContext ctx, ByteBuf in, ByteBuf content, List<Object> out) {
        if (content.readableBytes() >= 2) {
            int code = content.getUnsignedShort(content.readerIndex());
            if (!CloseCodes.isValidOnWire(code)) {
                content.release();
                fail(ctx, in, CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
                return;
            }
            Utf8Validator reason = new Utf8Validator();
            if (!reason.accept(content, content.readerIndex() + 2, content.readableBytes() - 2)
                    || !reason.isComplete()) {
                content.release();
                fail(ctx, in, CloseCodes.INVALID_PAYLOAD, "invalid UTF-8 in the close reason");
                return;
            }
        }
        state = State.CLOSED_BY_PEER;
        in.skipBytes(in.readableBytes());
        out.add(new CloseWebSocketFrame(true, 0, content));
    }

    private boolean isText() {
        return opcode == OP_TEXT || opcode == OP_CONTINUATION && messageOpcode == OP_TEXT;
    }

    private static boolean isData(int opcode) {
        return opcode == OP_CONTINUATION || opcode == OP_TEXT || opcode == OP_BINARY;
    }

    /**
     * Takes a non-text payload out of the cumulation without copying it, unmasked in place: the
     * bytes are this decoder's (they came from the socket), and the cumulator copies any remainder
     * before it appends to a buffer that a slice still shares. A payload that is all in leaves as
     * one slice (below {@link #SLICE_THRESHOLD} bytes, as a copy). A larger one that arrives over
     * several reads is gathered as retained slices of each read, at least {@link #MIN_PART_BYTES}
     * each, in a composite buffer: waiting for it whole would grow the cumulation by copying, over
     * and over for a frame of hundreds of kilobytes.
     *
     * @return true once the whole payload is in {@link #payload}
     */
    private boolean takeNonTextPayload(ChannelHandlerContext ctx, ByteBuf in) {
        int available = in.readableBytes();
        if (payload == null && available >= payloadLength) {
            if (payloadLength < SLICE_THRESHOLD || in.isReadOnly()) {
                payload = ctx.alloc().buffer(payloadLength);
                in.readBytes(payload, payloadLength);
            } else {
                payload = in.readRetainedSlice(payloadLength);
            }
            if (masked) {
                unmask(payload, payload.readerIndex(), 0, payloadLength);
            }
            return true;
        }
        if (payloadLength < SLICE_THRESHOLD || in.isReadOnly()) {
            return false; // small (or not ours to unmask in place): it waits in the cumulation
        }
        int received = payload == null ? 0 : payload.writerIndex();
        int take = Math.min(available, payloadLength - received);
        if (take < payloadLength - received && take < MIN_PART_BYTES) {
            return false;
        }
        ByteBuf part = in.readRetainedSlice(take);
        if (masked) {
            unmask(part, part.readerIndex(), received, take);
        }
        if (payload == null) {
            payload = ctx.alloc().compositeBuffer(MAX_PARTS);
        }
        ((CompositeByteBuf) payload).addComponent(true, part);
        return received + take == payloadLength;
    }

    /** Unmasks {@code length} bytes of {@code buf} from {@code index}: the payload's bytes from {@code payloadOffset} on. */
    private void unmask(ByteBuf buf, int index, int payloadOffset, int length) {
        Masking.apply(buf, index, length, maskKey, payloadOffset);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, int closeCode, String reason) {
        state = State.FAILED;
        releasePayload();
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(new ProtocolViolationException(closeCode, reason, false));
    }

    private void releasePayload() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePayload();
    }
}
