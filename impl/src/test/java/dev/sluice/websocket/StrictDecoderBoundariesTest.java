package dev.sluice.websocket;

import static dev.sluice.websocket.WireFrames.BINARY;
import static dev.sluice.websocket.WireFrames.CLOSE;
import static dev.sluice.websocket.WireFrames.CONTINUATION;
import static dev.sluice.websocket.WireFrames.PING;
import static dev.sluice.websocket.WireFrames.PONG;
import static dev.sluice.websocket.WireFrames.TEXT;
import static dev.sluice.websocket.WireFrames.client;
import static dev.sluice.websocket.WireFrames.concat;
import static dev.sluice.websocket.WireFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edges of the strict decoder's rules: each limit and length form at and just past its bound. */
class StrictDecoderBoundariesTest {
    private static final byte[] MASK = {0x01, 0x02, 0x03, 0x04};
    private final RecordingApplication app = new RecordingApplication();
    private final EmbeddedChannel channel = StrictPipelines.server(app, ConnectionConfig.builder()
            .maxFrameSize(1024).maxMessageSize(4096).build());

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void closeCodesValidOnTheWireAreExactlyTheRegisteredAndPrivateRanges() {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            assertThat(CloseCodes.isValidOnWire(code)).as("code %d", code).isTrue();
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1012, 1015, 2999, 5000, 65535}) {
            assertThat(CloseCodes.isValidOnWire(code)).as("code %d", code).isFalse();
        }
    }

    @Test
    void limitsMustHoldAControlFrameAndAtLeastOneByte() {
        assertThatThrownBy(() -> new WebSocketLimits(124, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 125");
        assertThatThrownBy(() -> new WebSocketLimits(125, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        WebSocketLimits smallest = new WebSocketLimits(125, 1);
        assertThat(smallest.toBuilder().build()).isEqualTo(smallest);
        assertThat(WebSocketLimits.DEFAULTS.maxFramePayloadBytes()).isEqualTo(1 << 20);
        assertThat(WebSocketLimits.DEFAULTS.maxMessageBytes()).isEqualTo(1 << 20);
    }

    @Test
    void aSixteenBitLengthMustBeAtLeast126() {
        send(header(0x80 | BINARY, 126, ByteBuffer.allocate(2).putShort((short) 126).array()), masked(new byte[126]));
        assertThat(app.binaries).isEqualTo(1);
        send(header(0x80 | BINARY, 126, ByteBuffer.allocate(2).putShort((short) 125).array()));
        assertClosedWith(1002, "frame length not in its shortest encoding");
    }

    @Test
    void aSixtyFourBitLengthMustBeAbove65535() {
        send(header(0x80 | BINARY, 127, ByteBuffer.allocate(8).putLong(0xFFFF).array()));
        assertClosedWith(1002, "frame length not in its shortest encoding");
    }

    @Test
    void aSixtyFourBitLengthWithTheTopBitSetIsRefused() {
        send(header(0x80 | BINARY, 127, ByteBuffer.allocate(8).putLong(Long.MIN_VALUE).array()));
        assertClosedWith(1002, "frame length with the most significant bit set");
    }

    @Test
    void aFrameAtTheLimitPassesAndOneByteMoreFails() {
        send(client(BINARY, new byte[1024]));
        assertThat(app.binaries).isEqualTo(1);
        send(client(BINARY, new byte[1025]));
        assertClosedWith(1009, "frame of 1025 bytes exceeds the limit of 1024 bytes");
    }

    @Test
    void aMessageAtTheLimitPassesAndItsSizeStartsAgainForTheNext() {
        for (int round = 0; round < 2; round++) {
            send(frame(false, 0, BINARY, true, new byte[1024]), frame(false, 0, CONTINUATION, true, new byte[1024]),
                    frame(false, 0, CONTINUATION, true, new byte[1024]), frame(true, 0, CONTINUATION, true, new byte[1024]));
        }
        assertThat(app.binaries).isEqualTo(2);
        assertThat(app.texts).isEmpty();
        assertThat(StrictPipelines.sent(channel)).isEmpty();
    }

    @Test
    void aControlFrameOf125BytesIsAnsweredAnd126IsRefused() {
        byte[] payload = new byte[125];
        Arrays.fill(payload, (byte) 9);
        send(client(PING, payload));
        assertThat(StrictPipelines.sent(channel)).singleElement().satisfies(pong -> {
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.payload()).isEqualTo(payload);
        });
        send(header(0x80 | PING, 126, ByteBuffer.allocate(2).putShort((short) 126).array()));
        assertClosedWith(1002, "control frame payload over 125 bytes");
    }

    @Test
    void aFragmentedControlFrameIsRefused() {
        send(frame(false, 0, PING, true, new byte[] {1}));
        assertClosedWith(1002, "fragmented control frame");
    }

    @Test
    void aCloseFrameWithOneBytePayloadIsRefused() {
        send(client(CLOSE, new byte[] {3}));
        assertClosedWith(1002, "close frame with a 1-byte payload");
    }

    @Test
    void aReservedDataOpcodeIsRefused() {
        send(client(0x3, new byte[] {1}));
        assertClosedWith(1002, "reserved opcode 3");
    }

    @Test
    void aContinuationWithoutAMessageIsRefused() {
        send(frame(true, 0, CONTINUATION, true, new byte[] {1}));
        assertClosedWith(1002, "continuation frame without a message to continue");
    }

    @Test
    void aNewMessageInsideAFragmentedOneIsRefused() {
        send(frame(false, 0, TEXT, true, "a".getBytes(StandardCharsets.UTF_8)), client(BINARY, new byte[] {1}));
        assertClosedWith(1002, "new message before the previous one ended");
    }

    @Test
    void aFragmentedBinaryMessageArrivesAsOneBinaryMessage() {
        send(frame(false, 0, BINARY, true, new byte[] {1}), frame(false, 0, CONTINUATION, true, new byte[0]),
                frame(true, 0, CONTINUATION, true, new byte[] {2}));
        assertThat(app.binaries).isEqualTo(1);
        assertThat(app.texts).isEmpty();
    }

    @Test
    void aMaskedTextArrivingOneByteAtATimeIsUnmaskedAtEveryOffset() {
        byte[] wire = client(TEXT, "héllo, wörld: € and 𝄞".getBytes(StandardCharsets.UTF_8));
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(app.texts).containsExactly("héllo, wörld: € and 𝄞");
    }

    @Test
    void bytesAfterThePeersCloseAreIgnored() {
        send(concat(client(CLOSE, WireFrames.closePayload(1000, new byte[0])), client(TEXT, "late".getBytes(
                StandardCharsets.UTF_8))));
        List<WireFrames.Frame> sent = StrictPipelines.sent(channel);
        assertThat(sent).singleElement().satisfies(close -> assertThat(close.closeCode()).isEqualTo(1000));
        assertThat(app.texts).isEmpty();
    }

    private void send(byte[]... parts) {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(parts)));
    }

    /** A masked frame header with the length in the given form (126: 16 bits, 127: 64 bits). */
    private static byte[] header(int b0, int lengthForm, byte[] extendedLength) {
        return concat(new byte[] {(byte) b0, (byte) (0x80 | lengthForm)}, extendedLength, MASK);
    }

    private static byte[] masked(byte[] payload) {
        byte[] out = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return out;
    }

    private void assertClosedWith(int code, String reason) {
        List<WireFrames.Frame> sent = StrictPipelines.sent(channel);
        assertThat(sent).last().satisfies(close -> {
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(code);
            assertThat(close.closeReason()).isEqualTo(reason);
        });
        // the connection reads and discards until the peer closes or the close timeout passes
        StrictPipelines.lingerOut(channel);
        assertThat(StrictPipelines.sent(channel)).as("frames after the close frame").isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(app.terminations).singleElement().isInstanceOfSatisfying(ProtocolViolationException.class,
                violation -> assertThat(violation.closeCode()).isEqualTo(code));
    }
}
