package dev.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class StreamCodecProperties {

    /** A frame described without buffers, so jqwik can print and shrink it. */
    record FrameSpec(FrameType type, int streamId, int value, byte[] payload) {
        StreamFrame toFrame() {
            return new StreamFrame(type, streamId, value, type == FrameType.DATA ? Unpooled.wrappedBuffer(payload)
                    : Unpooled.EMPTY_BUFFER);
        }
    }

    @Property(tries = 300)
    void everyFrameRoundTrips(@ForAll("frames") FrameSpec spec) throws StreamProtocolException {
        StreamFrame frame = spec.toFrame();
        ByteBuf wire = StreamProtocol.encode(ByteBufAllocator.DEFAULT, frame);
        try {
            int body = spec.type() == FrameType.DATA ? spec.payload().length : spec.type().fixedBodyLength();
            assertThat(wire.readableBytes()).isEqualTo(StreamProtocol.HEADER_LENGTH + body);
            StreamFrame decoded = StreamProtocol.decode(wire);
            try {
                assertThat(decoded.type()).isEqualTo(spec.type());
                assertThat(decoded.streamId()).isEqualTo(spec.streamId());
                assertThat(decoded.value()).isEqualTo(spec.type() == FrameType.DATA || spec.type() == FrameType.FIN
                        ? 0 : spec.value());
                byte[] payload = new byte[decoded.payload().readableBytes()];
                decoded.payload().getBytes(decoded.payload().readerIndex(), payload);
                assertThat(payload).isEqualTo(spec.type() == FrameType.DATA ? spec.payload() : new byte[0]);
            } finally {
                decoded.release();
            }
        } finally {
            wire.release();
            frame.release();
        }
    }

    @Property(tries = 300)
    void arbitraryBytesDecodeToAFrameOrAMalformedFrameError(@ForAll @Size(max = 16) byte[] bytes) {
        ByteBuf message = Unpooled.wrappedBuffer(bytes);
        try {
            StreamFrame frame = StreamProtocol.decode(message);
            frame.release();
            assertThat(frame.streamId()).isPositive();
        } catch (StreamProtocolException e) {
            assertThat(e.closeCode()).isEqualTo(StreamCloseCode.MALFORMED_FRAME);
            assertThat(e.getMessage()).startsWith("malformed frame: ");
        } finally {
            assertThat(message.refCnt()).as("decode neither consumes nor releases the message").isEqualTo(1);
            message.release();
        }
    }

    @Property(tries = 200)
    void headerLikeBytesWithAWrongBodyLengthAreMalformed(@ForAll("fixedTypes") FrameType type,
            @ForAll("ids") int id, @ForAll("wrongBodyLengths") int bodyLength) {
        ByteBuf message = Unpooled.buffer();
        StreamProtocol.writeHeader(message, type, id);
        message.writeZero(bodyLength == type.fixedBodyLength() ? bodyLength + 1 : bodyLength);
        try {
            StreamProtocol.decode(message).release();
            throw new AssertionError("decoded a " + type + " with a " + bodyLength + "-byte body");
        } catch (StreamProtocolException e) {
            assertThat(e.closeCode()).isEqualTo(StreamCloseCode.MALFORMED_FRAME);
        } finally {
            message.release();
        }
    }

    @Provide
    Arbitrary<FrameSpec> frames() {
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(
                Arbitraries.of(new byte[0], new byte[1], new byte[16 * 1024], new byte[16 * 1024 + 1]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
        Arbitrary<Integer> values = Arbitraries.oneOf(Arbitraries.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE),
                Arbitraries.integers());
        return Combinators.combine(Arbitraries.of(FrameType.class), ids(), values, payloads)
                .as((type, id, value, payload) -> new FrameSpec(type, id,
                        type == FrameType.CREDIT ? Math.max(1, value & Integer.MAX_VALUE) : value, payload));
    }

    @Provide
    Arbitrary<Integer> ids() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3, Integer.MAX_VALUE, Integer.MAX_VALUE - 1),
                Arbitraries.integers().between(1, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<FrameType> fixedTypes() {
        return Arbitraries.of(FrameType.CREDIT, FrameType.FIN, FrameType.RESET, FrameType.STOP);
    }

    @Provide
    Arbitrary<Integer> wrongBodyLengths() {
        return Arbitraries.integers().between(0, 9);
    }
}
