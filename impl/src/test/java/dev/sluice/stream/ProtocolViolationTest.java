package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.LocalViolation;
import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each stream protocol violation closes the connection with its own code and an exact reason. */
class ProtocolViolationTest {
    private final CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
    private final StreamMultiplexer server = new StreamMultiplexer(StreamConfig.builder().receiveWindow(16).build(),
            false, LocalMuxPair.TEST_INFO, (s, info) -> accepted.complete(s));
    private final EmbeddedChannel channel = new EmbeddedChannel(server);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void textMessageCloses4000() {
        channel.writeInbound(new TextWebSocketFrame("hello"));
        assertClosed(4000, "text message of 5 bytes; sluice.v1 carries stream frames in binary messages only");
    }

    @Test
    void shortMessageCloses4001() {
        send("01000000");
        assertClosed(4001, "malformed frame: message of 4 bytes is shorter than the 5-byte frame header");
    }

    @Test
    void unknownTypeCloses4001() {
        send("0900000001");
        assertClosed(4001, "malformed frame: unknown frame type 0x9");
    }

    @Test
    void frameForAnIdOfThisSideThatWasNeverOpenedCloses4002() {
        send("0000000002ff");
        assertClosed(4002, "DATA for stream 2, which is in this side's id space (server's ids are even) but was never opened here");
    }

    @Test
    void skippedIdCloses4003() {
        send("010000000300000010");
        assertClosed(4003, "CREDIT opens stream 3 but the next id the client may open is 1");
    }

    @Test
    void streamOpenedByDataCloses4004() {
        send("0000000001ff");
        assertClosed(4004, "stream 1 opened by DATA; a stream's first frame must be the CREDIT granting the opener's window");
    }

    @Test
    void finAfterFinCloses4005() {
        send("010000000100000010");
        send("0200000001");
        send("0200000001");
        assertClosed(4005, "FIN on stream 1 after the peer ended its direction (FIN)");
    }

    @Test
    void dataOnAClosedStreamCloses4006() throws Exception {
        send("010000000100000010");
        accepted.get(1, TimeUnit.SECONDS).close();
        channel.runPendingTasks();
        send("0200000001");
        assertThat(server.openStreamCount()).isZero();
        send("0100000001000000ff");
        assertThat(channel.isActive()).isTrue();
        send("0000000001aa");
        assertClosed(4006, "DATA for stream 1, which is closed; stream ids are never reused");
    }

    @Test
    void dataBeyondCreditCloses4007() {
        send("0100000001" + "00000100");
        send("0000000001" + "00".repeat(16));
        channel.runPendingTasks();
        send("0000000001" + "ab");
        assertClosed(4007, "stream 1: 1 bytes of DATA with only 0 bytes of credit (window 16)");
    }

    @Test
    void dataOnARefusedStreamCloses4007() {
        StreamMultiplexer limited = new StreamMultiplexer(StreamConfig.builder().receiveWindow(16).maxConcurrentStreams(1)
                .build(), false, LocalMuxPair.TEST_INFO, (s, info) -> { });
        EmbeddedChannel single = new EmbeddedChannel(limited);
        try {
            single.writeInbound(frame("010000000100000010"));
            single.writeInbound(frame("010000000300000010"));
            single.writeInbound(frame("0000000003ab"));
            single.runPendingTasks();
            assertClosed(single, 4007, "stream 3: 1 bytes of DATA with only 0 bytes of credit (window 0)");
        } finally {
            single.finishAndReleaseAll();
        }
    }

    @Test
    void creditOverflowCloses4008() {
        send("0100000001" + "7fffffff");
        send("0100000001" + "00000001");
        assertClosed(4008, "stream 1: credit grants add up to 2147483648 bytes, above 2^31-1");
    }

    @Test
    void violationFailsOpenStreamsWithTheViolation() throws Exception {
        send("010000000100000010");
        CompletableFuture<byte[]> reader = StreamTestSupport.readAll(accepted.get(1, TimeUnit.SECONDS));
        send("0700000001");
        assertClosed(4001, "malformed frame: unknown frame type 0x7");
        assertThat(StreamMultiplexerTest.catchCause(reader)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("malformed frame: unknown frame type 0x7");
    }

    private void send(String hex) {
        channel.writeInbound(frame(hex));
        channel.runPendingTasks();
    }

    private static BinaryWebSocketFrame frame(String hex) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)));
    }

    private void assertClosed(int code, String reason) {
        assertClosed(channel, code, reason);
        assertThat(server.terminationFuture().toCompletableFuture().isDone()).isFalse();
    }

    private static void assertClosed(EmbeddedChannel channel, int code, String reason) {
        channel.runPendingTasks();
        LocalViolation violation = null;
        Object out;
        while ((out = channel.readOutbound()) != null) {
            if (out instanceof LocalViolation v) {
                violation = v;
            } else {
                ((WebSocketFrame) out).release();
            }
        }
        assertThat(violation).as("a violation was handed to the connection owner").isNotNull();
        assertThat(violation.code()).isEqualTo(code);
        assertThat(violation.reason()).isEqualTo(reason);
    }
}
