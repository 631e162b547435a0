package dev.sluice.websocket;

import static dev.sluice.websocket.WireFrames.BINARY;
import static dev.sluice.websocket.WireFrames.CONTINUATION;
import static dev.sluice.websocket.WireFrames.PONG;
import static dev.sluice.websocket.WireFrames.TEXT;
import static dev.sluice.websocket.WireFrames.client;
import static dev.sluice.websocket.WireFrames.concat;
import static dev.sluice.websocket.WireFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The strict frame decoder on its own, without the connection stages behind it: exactly which
 * frames it passes on, in which buffers, and that it passes on nothing once it reported a violation.
 */
class StrictFrameDecoderAloneTest {
    private final TrackingAllocator allocator = new TrackingAllocator();
    private final List<WebSocketFrame> decoded = new ArrayList<>();
    private EmbeddedChannel channel;
    private Exception violation;

    @AfterEach
    void everyBufferIsReleased() {
        decoded.forEach(WebSocketFrame::release);
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        assertThat(allocator.unreleased()).as("buffers the decoder allocated and did not release").isZero();
    }

    @Test
    void aHeaderWithNoLengthBytesIsDecodedAsSoonAsItsTwoBytesArrive() {
        serverFramesDecoder(new WebSocketLimits(125, 1024));
        write(new byte[] {(byte) 0x82, 0x00});
        assertThat(decoded).singleElement().isInstanceOfSatisfying(BinaryWebSocketFrame.class,
                binary -> assertThat(binary.content().readableBytes()).isZero());
    }

    @Test
    void aPongIsAValidControlFrame() {
        clientFramesDecoder(new WebSocketLimits(125, 1024));
        write(client(PONG, new byte[] {7}));
        assertThat(decoded).singleElement().isInstanceOfSatisfying(PongWebSocketFrame.class,
                pong -> assertThat(ByteBufUtil.getBytes(pong.content())).containsExactly(7));
    }

    @Test
    void theContinuationOfABinaryMessageIsNotCheckedAsUtf8() {
        clientFramesDecoder(new WebSocketLimits(125, 1024));
        byte[] notUtf8 = {(byte) 0xFF, (byte) 0xC0, (byte) 0x80};
        write(concat(frame(false, 0, BINARY, true, notUtf8), frame(true, 0, CONTINUATION, true, notUtf8)));
        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(1)).isInstanceOfSatisfying(ContinuationWebSocketFrame.class, continuation -> {
            assertThat(continuation.isFinalFragment()).isTrue();
            assertThat(ByteBufUtil.getBytes(continuation.content())).isEqualTo(notUtf8);
        });
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aZeroInTheSixtyFourBitLengthFormIsANonShortestEncoding() {
        clientFramesDecoder(new WebSocketLimits(125, 1024));
        write(WireFrames.header64(BINARY, 0));
        assertViolation(1002, "frame length not in its shortest encoding");
    }

    @Test
    void aLargeMaskedPayloadInAReadOnlyBufferIsUnmaskedIntoACopy() {
        clientFramesDecoder(new WebSocketLimits(4096, 4096));
        byte[] payload = new byte[2048];
        IntStream.range(0, payload.length).forEach(i -> payload[i] = (byte) (i * 31));
        ByteBuf wire = Unpooled.wrappedBuffer(client(BINARY, payload)).asReadOnly();
        write(wire);
        assertThat(violation).isNull();
        assertThat(decoded).singleElement().satisfies(frame -> assertThat(ByteBufUtil.getBytes(frame.content()))
                .isEqualTo(payload));
        assertThat(wire.refCnt()).isZero();
    }

    @Test
    void aTextFrameCutShortByInvalidUtf8ReleasesWhatItHadCopied() {
        clientFramesDecoder(new WebSocketLimits(4096, 4096));
        byte[] wire = client(TEXT, concat(new byte[300], new byte[] {(byte) 0xFF}, new byte[300]));
        // header and the valid start first, so that the decoder holds a partly filled text buffer
        write(java.util.Arrays.copyOfRange(wire, 0, 8 + 200));
        assertThat(decoded).isEmpty();
        write(java.util.Arrays.copyOfRange(wire, 8 + 200, wire.length));
        assertViolation(1007, "invalid UTF-8 in a text message");
    }

    @Test
    void reservedBitsFailTheFirstFrameAndNothingIsPassedOnAfter() {
        assertNothingPassedOnAfter(new WebSocketLimits(125, 1024), frame(true, 2, BINARY, true, new byte[0]),
                1002, "reserved bits set without a negotiated extension");
    }

    @Test
    void aLengthWithTheTopBitSetFailsTheFirstFrameAndNothingIsPassedOnAfter() {
        assertNothingPassedOnAfter(new WebSocketLimits(125, 1024), WireFrames.header64(BINARY, Long.MIN_VALUE),
                1002, "frame length with the most significant bit set");
    }

    @Test
    void aLongLengthFormForAShortFrameFailsTheFirstFrameAndNothingIsPassedOnAfter() {
        byte[] sixteenBit125 = concat(new byte[] {(byte) 0x82, (byte) (0x80 | 126)},
                ByteBuffer.allocate(2).putShort((short) 125).array(), new byte[4]);
        assertNothingPassedOnAfter(new WebSocketLimits(125, 1024), sixteenBit125,
                1002, "frame length not in its shortest encoding");
    }

    @Test
    void aFrameOverTheLimitFailsTheFirstFrameAndNothingIsPassedOnAfter() {
        assertNothingPassedOnAfter(new WebSocketLimits(125, 1024), client(BINARY, new byte[126]),
                1009, "frame of 126 bytes exceeds the limit of 125 bytes");
    }

    @Test
    void aMessageOverTheLimitFailsTheFirstFrameAndNothingIsPassedOnAfter() {
        assertNothingPassedOnAfter(new WebSocketLimits(125, 1), client(BINARY, new byte[2]),
                1009, "message of at least 2 bytes exceeds the limit of 1 bytes");
    }

    private void assertNothingPassedOnAfter(WebSocketLimits limits, byte[] violating, int code, String reason) {
        clientFramesDecoder(limits);
        write(violating);
        assertViolation(code, reason);
        write(client(BINARY, new byte[] {1}));
        assertThat(decoded).as("frames passed on after the violation").isEmpty();
    }

    private void clientFramesDecoder(WebSocketLimits limits) {
        channel = newChannel(new StrictFrameDecoder(true, limits));
    }

    private void serverFramesDecoder(WebSocketLimits limits) {
        channel = newChannel(new StrictFrameDecoder(false, limits));
    }

    private EmbeddedChannel newChannel(StrictFrameDecoder decoder) {
        EmbeddedChannel embedded = new EmbeddedChannel();
        embedded.config().setAllocator(allocator);
        embedded.pipeline().addLast(decoder);
        return embedded;
    }

    /** Writes {@code bytes}; a violation the decoder reports is kept for {@link #assertViolation}. */
    private void write(byte[] bytes) {
        write(allocator.track(Unpooled.wrappedBuffer(bytes)));
    }

    private void write(ByteBuf bytes) {
        try {
            channel.writeInbound(bytes);
        } catch (Exception e) { // EmbeddedChannel rethrows what reached the pipeline's end, checked or not
            assertThat(violation).as("a second violation").isNull();
            violation = e;
        }
        drain();
    }

    private void drain() {
        for (Object in; (in = channel.readInbound()) != null; ) {
            decoded.add((WebSocketFrame) in);
        }
    }

    private void assertViolation(int code, String reason) {
        drain();
        assertThat(decoded).as("frames passed on with the violation").isEmpty();
        assertThat(violation).isInstanceOfSatisfying(ProtocolViolationException.class,
                v -> assertThat(v.closeCode()).isEqualTo(code)).hasMessage(reason);
        // the connection lingers open for a while after a violation: the decoder must not hold buffers meanwhile
        assertThat(allocator.unreleased()).as("buffers still held after the violation").isZero();
    }
}
