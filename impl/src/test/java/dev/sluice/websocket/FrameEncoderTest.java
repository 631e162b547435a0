package dev.sluice.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The encoder of both sides, checked against Netty's decoder (as the peer would read it) frame by
 * frame: the client's frames masked, the server's not, headroom frames encoded in place.
 */
class FrameEncoderTest {
    /** Around every length encoding's edge and the NIO-view threshold, and a frame over 64 KiB. */
    private static final int[] SIZES = {0, 1, 3, 7, 8, 9, 125, 126, 127, 1023, 1024, 1025, 4099, 65535, 65536,
        65537, 200_003};

    private final Random random = new Random(42);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The same bytes as one heap buffer, one direct buffer, or a composite of three uneven parts. */
    private static ByteBuf layout(byte[] data, int kind) {
        switch (kind) {
            case 0:
                return Unpooled.wrappedBuffer(data);
            case 1:
                return Unpooled.directBuffer(data.length).writeBytes(data);
            default:
                CompositeByteBuf composite = Unpooled.compositeBuffer();
                int a = data.length / 3;
                int b = data.length / 2;
                composite.addComponent(true, Unpooled.copiedBuffer(data, 0, a));
                composite.addComponent(true, Unpooled.directBuffer().writeBytes(data, a, b - a));
                composite.addComponent(true, Unpooled.copiedBuffer(data, b, data.length - b));
                return composite;
        }
    }

    /** A headroom frame carrying {@code data}, as the stream layer builds its small frames. */
    private static WebSocketFrame headroomFrame(byte[] data) {
        return HeadroomBinaryFrame.of(HeadroomBinaryFrame.buffer(UnpooledByteBufAllocator.DEFAULT, data.length).writeBytes(data));
    }

    /** Encodes with the client's encoder and decodes what it wrote with Netty's server-side decoder. */
    private static WebSocketFrame roundTrip(WebSocketFrame frame) {
        return roundTrip(true, List.of(frame)).get(0);
    }

    /** One frame through the encoder of the given side and the peer's decoder. */
    private static WebSocketFrame roundTrip(boolean masked, WebSocketFrame frame) {
        return roundTrip(masked, List.of(frame)).get(0);
    }

    /**
     * A sequence of frames through one encoder and one decoder (fragments need their predecessors);
     * the client's frames (masked) must be one buffer each, the server's may be a header and the payload.
     */
    private static List<WebSocketFrame> roundTrip(boolean masked, List<WebSocketFrame> frames) {
        EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder(masked));
        EmbeddedChannel peer = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(masked).allowExtensions(true).maxFramePayloadLength(1 << 20).build()));
        List<WebSocketFrame> decoded = new ArrayList<>();
        try {
            for (WebSocketFrame frame : frames) {
                assertThat(sender.writeOutbound(frame)).isTrue();
                ByteBuf wire = sender.readOutbound();
                assertThat(wire.getByte(wire.readerIndex() + 1) & 0x80).as("mask bit").isEqualTo(masked ? 0x80 : 0);
                peer.writeInbound(wire);
                for (ByteBuf more = sender.readOutbound(); more != null; more = sender.readOutbound()) {
                    assertThat(masked).as("a client frame is one buffer").isFalse();
                    peer.writeInbound(more);
                }
                WebSocketFrame out = peer.readInbound();
                assertThat(out).isNotNull();
                decoded.add(out);
            }
            return decoded;
        } finally {
            sender.finishAndReleaseAll();
            peer.finishAndReleaseAll();
        }
    }

    @Test
    void dataFramesOfEverySizeAndLayoutArriveIntactFromEitherSide() {
        for (boolean masked : new boolean[] {true, false}) {
            for (int size : SIZES) {
                for (int kind = 0; kind < 4; kind++) {
                    byte[] data = bytes(size);
                    WebSocketFrame decoded = roundTrip(masked,
                            kind == 3 ? headroomFrame(data) : new BinaryWebSocketFrame(layout(data, kind)));
                    String what = String.format("masked %s, size %d, layout %d", masked, size, kind);
                    try {
                        assertThat(decoded).as(what).isInstanceOf(BinaryWebSocketFrame.class);
                        assertThat(decoded.isFinalFragment()).isTrue();
                        assertThat(ByteBufUtil.getBytes(decoded.content())).as(what).isEqualTo(data);
                    } finally {
                        decoded.release();
                    }
                }
            }
        }
    }

    @Test
    void aHeadroomFrameGoesOutAsItsOwnBufferWithTheHeaderInFront() {
        for (boolean masked : new boolean[] {true, false}) {
            EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder(masked));
            byte[] data = bytes(64);
            WebSocketFrame frame = headroomFrame(data);
            ByteBuf content = frame.content();
            sender.writeOutbound(frame);
            ByteBuf wire = sender.readOutbound();
            try {
                assertThat(wire).as("no buffer of the encoder's own").isSameAs(content);
                assertThat(wire.refCnt()).isEqualTo(1);
                assertThat(wire.readableBytes()).isEqualTo(2 + (masked ? 4 : 0) + data.length);
                assertThat(wire.getByte(wire.readerIndex()) & 0xFF).isEqualTo(0x82);
                assertThat(wire.getByte(wire.readerIndex() + 1) & 0xFF).isEqualTo((masked ? 0x80 : 0) | data.length);
            } finally {
                wire.release();
                sender.finishAndReleaseAll();
            }
        }
    }

    @Test
    void aHeadroomFrameWhoseContentIsHeldElsewhereIsCopiedAndLeftAsItWas() {
        byte[] data = bytes(64);
        WebSocketFrame frame = headroomFrame(data);
        ByteBuf held = frame.content().retain();
        EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder(true));
        sender.writeOutbound(frame);
        ByteBuf wire = sender.readOutbound();
        try {
            assertThat(wire).isNotSameAs(held);
            assertThat(ByteBufUtil.getBytes(held)).as("not masked in place").isEqualTo(data);
            assertThat(held.readerIndex()).isEqualTo(HeadroomBinaryFrame.HEADROOM);
        } finally {
            wire.release();
            held.release();
            sender.finishAndReleaseAll();
        }
        assertThat(held.refCnt()).isZero();
    }

    @Test
    void aHeadroomFrameNeedsItsRoom() {
        ByteBuf roomless = Unpooled.buffer().writeInt(1);
        assertThatThrownBy(() -> HeadroomBinaryFrame.of(roomless))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14 free bytes");
        roomless.release();
    }

    @Test
    void anUnmaskedLargePayloadFollowsAHeaderBufferUncopied() {
        ByteBuf payload = Unpooled.directBuffer(5000).writeBytes(bytes(5000));
        EmbeddedChannel server = new EmbeddedChannel(new FrameEncoder(false));
        server.writeOutbound(new BinaryWebSocketFrame(payload));
        ByteBuf header = server.readOutbound();
        ByteBuf body = server.readOutbound();
        try {
            assertThat(header.readableBytes()).isEqualTo(4);
            assertThat(body).isSameAs(payload);
        } finally {
            header.release();
            body.release();
            server.finishAndReleaseAll();
        }
    }

    @Test
    void aPayloadReadFromTheMiddleOfItsBufferIsMaskedFromItsReaderIndex() {
        byte[] data = bytes(5000);
        ByteBuf buf = Unpooled.buffer(6000).writeBytes(bytes(300)).writeBytes(data);
        buf.skipBytes(300);
        WebSocketFrame decoded = roundTrip(new BinaryWebSocketFrame(buf));
        try {
            assertThat(ByteBufUtil.getBytes(decoded.content())).isEqualTo(data);
        } finally {
            decoded.release();
        }
    }

    @Test
    void everyFrameTypeKeepsItsOpcodeFinBitAndReservedBits() {
        for (boolean masked : new boolean[] {true, false}) {
            everyFrameTypeKeepsItsOpcodeFinBitAndReservedBits(masked);
        }
    }

    private void everyFrameTypeKeepsItsOpcodeFinBitAndReservedBits(boolean masked) {
        List<WebSocketFrame> decoded = roundTrip(masked, List.of(
                new TextWebSocketFrame(false, 0, text("hel")),
                new ContinuationWebSocketFrame(true, 0, text("lo")),
                new BinaryWebSocketFrame(false, 4, text("bin")),
                new PingWebSocketFrame(text("ping")),
                new ContinuationWebSocketFrame(true, 4, text("ary")),
                new PongWebSocketFrame(text("pong")),
                new CloseWebSocketFrame(1001, "going away")));
        try {
            List<Class<?>> types = List.of(TextWebSocketFrame.class, ContinuationWebSocketFrame.class,
                    BinaryWebSocketFrame.class, PingWebSocketFrame.class, ContinuationWebSocketFrame.class,
                    PongWebSocketFrame.class, CloseWebSocketFrame.class);
            List<Boolean> fin = List.of(false, true, false, true, true, true, true);
            List<Integer> rsv = List.of(0, 0, 4, 0, 4, 0, 0);
            List<String> payloads = List.of("hel", "lo", "bin", "ping", "ary", "pong");
            for (int i = 0; i < decoded.size(); i++) {
                WebSocketFrame frame = decoded.get(i);
                assertThat(frame).as("frame %d", i).isInstanceOf(types.get(i));
                assertThat(frame.isFinalFragment()).as("frame %d", i).isEqualTo(fin.get(i));
                assertThat(frame.rsv()).as("frame %d", i).isEqualTo(rsv.get(i));
                if (i < payloads.size()) {
                    assertThat(frame.content().toString(StandardCharsets.US_ASCII)).isEqualTo(payloads.get(i));
                }
            }
            CloseWebSocketFrame close = (CloseWebSocketFrame) decoded.get(6);
            assertThat(close.statusCode()).isEqualTo(1001);
            assertThat(close.reasonText()).isEqualTo("going away");
        } finally {
            decoded.forEach(WebSocketFrame::release);
        }
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void eachFrameGetsAMaskKeyOfItsOwn() {
        EmbeddedChannel client = new EmbeddedChannel(new FrameEncoder(true));
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            client.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[10])));
            ByteBuf wire = client.readOutbound();
            keys.add(wire.getInt(2));
            // a zero payload XORed with the key shows the key itself
            assertThat(wire.getInt(6)).isEqualTo(wire.getInt(2));
            wire.release();
        }
        client.finishAndReleaseAll();
        assertThat(keys).hasSizeGreaterThan(45);
    }

    @Test
    void aControlFrameOverItsLimitIsRefusedAndReleased() {
        EmbeddedChannel client = new EmbeddedChannel(new FrameEncoder(true));
        ByteBuf big = Unpooled.buffer().writeBytes(new byte[FrameEncoder.MAX_CONTROL_PAYLOAD + 1]);
        assertThatThrownBy(() -> client.writeOutbound(new PingWebSocketFrame(big)))
                .isInstanceOf(EncoderException.class).hasCauseInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("at most 125");
        assertThat(big.refCnt()).isZero();
        assertThat((Object) client.readOutbound()).isNull();
        client.finishAndReleaseAll();
    }
}
