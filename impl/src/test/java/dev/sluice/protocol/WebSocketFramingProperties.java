package dev.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import dev.sluice.testsupport.PropertyRuns;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** RFC 6455 framing survives Netty's encoder and decoder whatever the TCP segmentation. */
class WebSocketFramingProperties {

    /** kind: 0 binary, 1 text (ASCII payload), 2 ping, 3 binary fragment + continuation. */
    record FrameSpec(int kind, byte[] payload) {
        @Override
        public String toString() {
            return "kind " + kind + ", " + payload.length + " bytes";
        }
    }

    @Test
    void framesRoundTripWhenTheByteStreamIsCutAnywhere() {
        PropertyRuns.tries(100)
                .forAll(frameLists(), booleans().all(), lists().of(doubles().fromZeroToOne()).ofSizeBetween(0, 12))
                .checkAssert(WebSocketFramingProperties::roundTripsCut);
    }

    private static void roundTripsCut(List<FrameSpec> frames, boolean masked, List<Double> cutPoints) {
        byte[] wire = encode(frames, masked);
        EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(masked).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));
        List<WebSocketFrame> decoded = new ArrayList<>();
        try {
            TreeSet<Integer> cuts = new TreeSet<>();
            for (double p : cutPoints) {
                cuts.add((int) (Math.abs(p) % 1.0 * wire.length));
            }
            cuts.add(wire.length);
            int from = 0;
            for (int cut : cuts) {
                if (cut > from) {
                    decoder.writeInbound(Unpooled.wrappedBuffer(wire, from, cut - from));
                    from = cut;
                }
            }
            Object in;
            while ((in = decoder.readInbound()) != null) {
                decoded.add((WebSocketFrame) in);
            }
            assertThat(decoded).hasSize(expectedFrameCount(frames));
            int i = 0;
            for (FrameSpec spec : frames) {
                if (spec.kind() == 3) {
                    int half = spec.payload().length / 2;
                    assertFrame(decoded.get(i++), BinaryWebSocketFrame.class, false, slice(spec.payload(), 0, half));
                    assertFrame(decoded.get(i++), ContinuationWebSocketFrame.class, true,
                            slice(spec.payload(), half, spec.payload().length));
                } else {
                    Class<?> type = spec.kind() == 0 ? BinaryWebSocketFrame.class
                            : spec.kind() == 1 ? TextWebSocketFrame.class : PingWebSocketFrame.class;
                    assertFrame(decoded.get(i++), type, true, spec.payload());
                }
            }
        } finally {
            decoded.forEach(WebSocketFrame::release);
            decoder.finishAndReleaseAll();
        }
    }

    private static byte[] encode(List<FrameSpec> frames, boolean masked) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(masked));
        try {
            for (FrameSpec spec : frames) {
                switch (spec.kind()) {
                    case 0 -> encoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(spec.payload())));
                    case 1 -> encoder.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(spec.payload())));
                    case 2 -> encoder.writeOutbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(spec.payload())));
                    default -> {
                        int half = spec.payload().length / 2;
                        encoder.writeOutbound(new BinaryWebSocketFrame(false, 0,
                                Unpooled.wrappedBuffer(slice(spec.payload(), 0, half))));
                        encoder.writeOutbound(new ContinuationWebSocketFrame(true, 0,
                                Unpooled.wrappedBuffer(slice(spec.payload(), half, spec.payload().length))));
                    }
                }
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            Object out;
            while ((out = encoder.readOutbound()) != null) {
                ByteBuf buf = (ByteBuf) out;
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                buf.release();
                wire.write(bytes, 0, bytes.length);
            }
            return wire.toByteArray();
        } finally {
            encoder.finishAndReleaseAll();
        }
    }

    private static void assertFrame(WebSocketFrame frame, Class<?> type, boolean fin, byte[] payload) {
        assertThat(frame).isInstanceOf(type);
        assertThat(frame.isFinalFragment()).isEqualTo(fin);
        byte[] actual = new byte[frame.content().readableBytes()];
        frame.content().getBytes(frame.content().readerIndex(), actual);
        assertThat(actual).isEqualTo(payload);
    }

    private static int expectedFrameCount(List<FrameSpec> frames) {
        return frames.stream().mapToInt(f -> f.kind() == 3 ? 2 : 1).sum();
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static Gen<List<FrameSpec>> frameLists() {
        Gen<Integer> lengths = Generate.oneOf(arbitrary().pick(0, 1, 125, 126, 127, 65535, 65536),
                integers().between(0, 400));
        Gen<FrameSpec> data = arbitrary().pick(0, 1, 3).zip(lengths, longs().all(),
                (kind, length, seed) -> new FrameSpec(kind, payload(kind, length, seed)));
        Gen<FrameSpec> ping = integers().between(0, 125).zip(longs().all(),
                (length, seed) -> new FrameSpec(2, payload(2, length, seed)));
        return lists().of(Generate.frequency(Pair.of(5, data), Pair.of(1, ping))).ofSizeBetween(1, 6);
    }

    private static byte[] payload(int kind, int length, long seed) {
        byte[] b = new byte[length];
        new java.util.Random(seed).nextBytes(b);
        if (kind == 1) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ('a' + Math.floorMod(b[i], 26));
            }
            return new String(b, StandardCharsets.US_ASCII).getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }
}
