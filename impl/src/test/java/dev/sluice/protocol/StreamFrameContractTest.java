package dev.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The small contracts of the frame types that the round-trip properties do not pin down. */
class StreamFrameContractTest {

    @Test
    void everyFrameDescribesItselfWithItsStreamAndValue() {
        ByteBuf payload = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);
        StreamFrame data = StreamFrame.data(5, payload);
        assertThat(data.toString()).isEqualTo("DATA(stream 5, 5 bytes)");
        data.release();
        assertThat(StreamFrame.credit(1, 65536).toString()).isEqualTo("CREDIT(stream 1, +65536)");
        assertThat(StreamFrame.fin(2).toString()).isEqualTo("FIN(stream 2)");
        assertThat(StreamFrame.reset(3, -1).toString()).isEqualTo("RESET(stream 3, code 4294967295)");
        assertThat(StreamFrame.stop(4, StreamProtocol.REFUSED).toString()).isEqualTo("STOP(stream 4, code 4294901761)");
    }

    @Test
    void releasingAFrameReleasesItsPayloadOnceAndLeavesTheSharedEmptyBufferAlone() {
        ByteBuf payload = Unpooled.buffer(4).writeInt(7);
        StreamFrame frame = StreamFrame.data(1, payload);
        frame.release();
        assertThat(payload.refCnt()).isZero();
        frame.release();
        assertThat(payload.refCnt()).as("a second release is harmless").isZero();

        int emptyRefCnt = Unpooled.EMPTY_BUFFER.refCnt();
        StreamFrame.fin(1).release();
        assertThat(Unpooled.EMPTY_BUFFER.refCnt()).isEqualTo(emptyRefCnt);
    }

    @Test
    void closeCodesAreFoundByTheirNumberAndUnknownNumbersAreNot() {
        for (StreamCloseCode code : StreamCloseCode.values()) {
            assertThat(StreamCloseCode.ofCode(code.code())).isSameAs(code);
        }
        assertThat(StreamCloseCode.TEXT_MESSAGE.code()).isEqualTo(4000);
        assertThat(StreamCloseCode.CREDIT_OVERFLOW.code()).isEqualTo(4008);
        assertThat(StreamCloseCode.ofCode(3999)).isNull();
        assertThat(StreamCloseCode.ofCode(4009)).isNull();
        assertThat(StreamCloseCode.ofCode(1002)).isNull();
    }

    @Test
    void frameTypesAreFoundByTheirWireCodeAndOtherCodesAreNot() {
        for (FrameType type : FrameType.values()) {
            assertThat(FrameType.ofCode(type.code())).isSameAs(type);
        }
        assertThat(FrameType.ofCode(-1)).isNull();
        assertThat(FrameType.ofCode(FrameType.values().length)).isNull();
        assertThat(FrameType.ofCode(0xFF)).isNull();
        assertThat(FrameType.DATA.fixedBodyLength()).isEqualTo(-1);
        assertThat(FrameType.FIN.fixedBodyLength()).isZero();
        assertThat(FrameType.CREDIT.fixedBodyLength()).isEqualTo(4);
    }

    @Test
    void theEncoderRefusesStreamIdZeroAndNegativeIds() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> StreamProtocol.writeHeader(out, FrameType.FIN, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..2^31-1");
            assertThatThrownBy(() -> StreamProtocol.writeHeader(out, FrameType.FIN, -5))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.readableBytes()).as("nothing written for a refused id").isZero();
            StreamProtocol.writeHeader(out, FrameType.FIN, 1);
            assertThat(out.readableBytes()).isEqualTo(StreamProtocol.HEADER_LENGTH);
        } finally {
            out.release();
        }
    }

    @Test
    void aDataFrameIsEncodedFromItsReaderIndexWithoutConsumingThePayload() {
        ByteBuf payload = Unpooled.copiedBuffer("xxhi", StandardCharsets.US_ASCII);
        payload.skipBytes(2);
        StreamFrame frame = StreamFrame.data(9, payload);
        ByteBuf wire = StreamProtocol.encode(ByteBufAllocator.DEFAULT, frame);
        try {
            assertThat(io.netty.buffer.ByteBufUtil.hexDump(wire)).isEqualTo("00" + "00000009" + "6869");
            assertThat(payload.readerIndex()).as("the payload is copied, not consumed").isEqualTo(2);
        } finally {
            wire.release();
            frame.release();
        }
    }

    @Test
    void malformedMessagesSayWhatIsWrong() {
        assertMalformed("00000001", "message of 4 bytes is shorter than the 5-byte frame header");
        assertMalformed("0500000001", "unknown frame type 0x5");
        assertMalformed("0100000001000000", "CREDIT frame on stream 1 has a 3-byte body, expected 4");
        assertMalformed("01000000018000000f", "CREDIT frame on stream 1 grants 2147483663 bytes (must be 1..2^31-1)");
        assertMalformed("00ffffffff", "DATA frame with invalid stream id 4294967295 (ids are 1..2^31-1)");
    }

    @Test
    void aMessageReadFromAnOffsetDecodesFromThere() throws StreamProtocolException {
        ByteBuf message = Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.decodeHexDump("ff" + "03000000070000002a"));
        message.skipBytes(1);
        try {
            StreamFrame frame = StreamProtocol.decode(message);
            assertThat(frame.type()).isEqualTo(FrameType.RESET);
            assertThat(frame.streamId()).isEqualTo(7);
            assertThat(frame.value()).isEqualTo(42);
        } finally {
            message.release();
        }
    }

    private static void assertMalformed(String hex, String reason) {
        ByteBuf message = Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.decodeHexDump(hex));
        try {
            assertThatThrownBy(() -> StreamProtocol.decode(message)).isInstanceOf(StreamProtocolException.class)
                    .hasMessage("malformed frame: " + reason)
                    .extracting(e -> ((StreamProtocolException) e).closeCode()).isEqualTo(StreamCloseCode.MALFORMED_FRAME);
        } finally {
            message.release();
        }
    }
}
