package dev.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.sluice.testsupport.PropertyRuns;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class StreamCodecProperties {

    /** A frame described without buffers, so a counterexample prints and shrinks. */
    record FrameSpec(FrameType type, int streamId, int value, byte[] payload) {
        StreamFrame toFrame() {
            return new StreamFrame(type, streamId, value, type == FrameType.DATA ? Unpooled.wrappedBuffer(payload)
                    : Unpooled.EMPTY_BUFFER);
        }

        @Override
        public String toString() {
            return type + " id=" + streamId + " value=" + value + " payload=" + payload.length + " bytes";
        }
    }

    @Test
    void everyFrameRoundTrips() {
        PropertyRuns.tries(300).forAll(frames()).checkAssert(StreamCodecProperties::roundTrips);
    }

    private static void roundTrips(FrameSpec spec) {
        StreamFrame frame = spec.toFrame();
        ByteBuf wire = StreamProtocol.encode(ByteBufAllocator.DEFAULT, frame);
        try {
            int body = spec.type() == FrameType.DATA ? spec.payload().length : spec.type().fixedBodyLength();
            assertThat(wire.readableBytes()).isEqualTo(StreamProtocol.HEADER_LENGTH + body);
            StreamFrame decoded = decode(wire);
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

    @Test
    void arbitraryBytesDecodeToAFrameOrAMalformedFrameError() {
        PropertyRuns.tries(300).forAll(PropertyRuns.byteArrays(0, 16)).checkAssert(bytes -> {
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
        });
    }

    @Test
    void headerLikeBytesWithAWrongBodyLengthAreMalformed() {
        Gen<FrameType> fixedTypes = arbitrary().pick(FrameType.CREDIT, FrameType.FIN, FrameType.RESET, FrameType.STOP);
        PropertyRuns.tries(200).forAll(fixedTypes, ids(), integers().between(0, 9)).checkAssert((type, id, length) -> {
            ByteBuf message = Unpooled.buffer();
            StreamProtocol.writeHeader(message, type, id);
            message.writeZero(length == type.fixedBodyLength() ? length + 1 : length);
            try {
                StreamProtocol.decode(message).release();
                throw new AssertionError("decoded a " + type + " with a " + length + "-byte body");
            } catch (StreamProtocolException e) {
                assertThat(e.closeCode()).isEqualTo(StreamCloseCode.MALFORMED_FRAME);
            } finally {
                message.release();
            }
        });
    }

    private static StreamFrame decode(ByteBuf wire) {
        try {
            return StreamProtocol.decode(wire);
        } catch (StreamProtocolException e) {
            throw new AssertionError("an encoded frame did not decode: " + e.getMessage(), e);
        }
    }

    static Gen<FrameSpec> frames() {
        Gen<byte[]> payloads = Generate.oneOf(
                arbitrary().pick(new byte[0], new byte[1], new byte[16 * 1024], new byte[16 * 1024 + 1]),
                PropertyRuns.byteArrays(0, 300));
        Gen<Integer> values = Generate.oneOf(arbitrary().pick(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE),
                integers().all());
        return arbitrary().enumValues(FrameType.class).zip(ids(), values, payloads,
                (type, id, value, payload) -> new FrameSpec(type, id,
                        type == FrameType.CREDIT ? Math.max(1, value & Integer.MAX_VALUE) : value, payload));
    }

    static Gen<Integer> ids() {
        return Generate.oneOf(arbitrary().pick(1, 2, 3, Integer.MAX_VALUE, Integer.MAX_VALUE - 1),
                integers().between(1, Integer.MAX_VALUE));
    }
}
