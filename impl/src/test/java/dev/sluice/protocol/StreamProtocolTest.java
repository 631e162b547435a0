package dev.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamProtocolTest {

    @Test
    void openingCreditIsTypeIdAndIncrement() {
        assertThat(hex(StreamFrame.credit(1, 256 * 1024))).isEqualTo("01" + "00000001" + "00040000");
    }

    @Test
    void dataCarriesItsBytesAfterTheHeader() throws Exception {
        ByteBuf payload = Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII);
        assertThat(hex(StreamFrame.data(3, payload))).isEqualTo("00" + "00000003" + "6869");
        StreamFrame decoded = StreamProtocol.decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("00000000036869")));
        assertThat(decoded.type()).isEqualTo(FrameType.DATA);
        assertThat(decoded.streamId()).isEqualTo(3);
        assertThat(decoded.payload().toString(StandardCharsets.US_ASCII)).isEqualTo("hi");
        decoded.release();
    }

    @Test
    void finResetAndStopEncodeTheirCodes() {
        assertThat(hex(StreamFrame.fin(2))).isEqualTo("0200000002");
        assertThat(hex(StreamFrame.reset(2, 42))).isEqualTo("03000000020000002a");
        assertThat(hex(StreamFrame.stop(7, StreamProtocol.REFUSED))).isEqualTo("0400000007ffff0001");
    }

    @Test
    void zeroCreditAndStreamIdZeroAreMalformed() {
        assertThatThrownBy(() -> decode("010000000100000000")).isInstanceOf(StreamProtocolException.class)
                .hasMessage("malformed frame: CREDIT frame on stream 1 grants 0 bytes (must be 1..2^31-1)");
        assertThatThrownBy(() -> decode("0200000000")).isInstanceOf(StreamProtocolException.class)
                .hasMessage("malformed frame: FIN frame with invalid stream id 0 (ids are 1..2^31-1)");
        assertThatThrownBy(() -> decode("0280000001")).isInstanceOf(StreamProtocolException.class)
                .hasMessage("malformed frame: FIN frame with invalid stream id 2147483649 (ids are 1..2^31-1)");
        assertThatThrownBy(() -> decode("020000000100")).isInstanceOf(StreamProtocolException.class)
                .hasMessage("malformed frame: FIN frame on stream 1 has a 1-byte body, expected 0");
    }

    @Test
    void clientIdsAreOddAndServerIdsEven() {
        assertThat(StreamProtocol.isClientId(StreamProtocol.FIRST_CLIENT_STREAM_ID)).isTrue();
        assertThat(StreamProtocol.isClientId(StreamProtocol.FIRST_SERVER_STREAM_ID)).isFalse();
        assertThat(StreamProtocol.isClientId(StreamProtocol.MAX_STREAM_ID)).isTrue();
    }

    private static void decode(String hex) throws StreamProtocolException {
        StreamProtocol.decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex))).release();
    }

    private static String hex(StreamFrame frame) {
        ByteBuf wire = StreamProtocol.encode(ByteBufAllocator.DEFAULT, frame);
        try {
            return ByteBufUtil.hexDump(wire);
        } finally {
            wire.release();
            frame.release();
        }
    }
}
