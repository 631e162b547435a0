package dev.sluice.websocket;

import static dev.sluice.websocket.WireFrames.BINARY;
import static dev.sluice.websocket.WireFrames.CLOSE;
import static dev.sluice.websocket.WireFrames.CONTINUATION;
import static dev.sluice.websocket.WireFrames.PING;
import static dev.sluice.websocket.WireFrames.PONG;
import static dev.sluice.websocket.WireFrames.TEXT;
import static dev.sluice.websocket.WireFrames.client;
import static dev.sluice.websocket.WireFrames.clientText;
import static dev.sluice.websocket.WireFrames.closePayload;
import static dev.sluice.websocket.WireFrames.concat;
import static dev.sluice.websocket.WireFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The post-upgrade stages of a server connection, fed hand-built frames. */
class StrictWebSocketStagesTest {
    private final RecordingApplication app = new RecordingApplication();
    private final EmbeddedChannel channel = StrictPipelines.server(app, ConnectionConfig.builder()
            .maxFrameSize(1024).maxMessageSize(4096).build());

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void textMessageReachesTheApplicationWhole() {
        channel.writeInbound(Unpooled.wrappedBuffer(clientText("hello")));
        assertThat(app.texts).containsExactly("hello");
        assertThat(StrictPipelines.sent(channel)).isEmpty();
    }

    @Test
    void fragmentsAreJoinedEvenWhenACharacterIsSplitBetweenThem() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(
                frame(false, 0, TEXT, true, new byte[] {'a', euro[0]}),
                frame(true, 0, PING, true, new byte[] {7}),
                frame(true, 0, CONTINUATION, true, new byte[] {euro[1], euro[2], 'b'}))));
        assertThat(app.texts).containsExactly("a€b");
        List<WireFrames.Frame> sent = StrictPipelines.sent(channel);
        assertThat(sent).singleElement().satisfies(pong -> {
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.payload()).containsExactly(7);
        });
    }

    @Test
    void invalidUtf8FailsInsideTheFrameBeforeItEnds() {
        byte[] payload = concat("valid start ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xF4, (byte) 0x90},
                "and more that never needs to arrive".getBytes(StandardCharsets.UTF_8));
        byte[] whole = client(TEXT, payload);
        byte[] firstPart = Arrays.copyOf(whole, 6 + 14);
        channel.writeInbound(Unpooled.wrappedBuffer(firstPart));
        assertClosedWith(1007, "invalid UTF-8 in a text message");
        assertThat(app.texts).isEmpty();
    }

    @Test
    void textMessageEndingInsideACharacterFailsWith1007() {
        channel.writeInbound(Unpooled.wrappedBuffer(client(TEXT, new byte[] {'a', (byte) 0xE2, (byte) 0x82})));
        assertClosedWith(1007, "text message ends inside a UTF-8 sequence");
    }

    @Test
    void unmaskedClientFrameFailsWith1002() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(true, 0, TEXT, false, new byte[] {'x'})));
        assertClosedWith(1002, "client frame without a mask");
    }

    @Test
    void reservedOpcodeFailsWith1002() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(true, 0, 0xB, true, new byte[0])));
        assertClosedWith(1002, "reserved opcode 11");
    }

    @Test
    void reservedBitsFailWith1002() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(true, 4, BINARY, true, new byte[] {1})));
        assertClosedWith(1002, "reserved bits set without a negotiated extension");
    }

    @Test
    void hugeAnnouncedLengthFailsWith1009BeforeAnyPayloadArrives() {
        TrackingAllocator allocator = new TrackingAllocator();
        channel.config().setAllocator(allocator);
        channel.writeInbound(Unpooled.wrappedBuffer(WireFrames.header64(BINARY, 1L << 62)));
        assertClosedWith(1009, "frame of 4611686018427387904 bytes exceeds the limit of 1024 bytes");
        assertThat(allocator.largestRequest()).as("largest buffer asked for").isLessThan(1024);
    }

    @Test
    void announcedLengthIsNotAllocatedBeforeThePayloadArrives() {
        TrackingAllocator allocator = new TrackingAllocator();
        channel.config().setAllocator(allocator);
        byte[] frame = client(BINARY, new byte[1000]);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(frame, 8 + 10)));
        assertThat(allocator.largestRequest()).as("largest buffer asked for").isLessThan(1000);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(frame, 8 + 10, frame.length)));
        assertThat(app.binaries).isEqualTo(1);
        assertThat(StrictPipelines.sent(channel)).isEmpty();
    }

    @Test
    void messageOverTheLimitAcrossFragmentsFailsWith1009() {
        byte[] kib = new byte[1024];
        channel.writeInbound(Unpooled.wrappedBuffer(concat(frame(false, 0, BINARY, true, kib),
                frame(false, 0, CONTINUATION, true, kib), frame(false, 0, CONTINUATION, true, kib),
                frame(false, 0, CONTINUATION, true, kib), frame(true, 0, CONTINUATION, true, new byte[] {1}))));
        assertClosedWith(1009, "message of at least 4097 bytes exceeds the limit of 4096 bytes");
        assertThat(app.binaries).isZero();
    }

    @Test
    void invalidUtf8InACloseReasonFailsWith1007() {
        channel.writeInbound(Unpooled.wrappedBuffer(client(CLOSE, closePayload(1000, new byte[] {(byte) 0xC0, 'a'}))));
        assertClosedWith(1007, "invalid UTF-8 in the close reason");
    }

    @Test
    void invalidCloseCodeFailsWith1002() {
        channel.writeInbound(Unpooled.wrappedBuffer(client(CLOSE, closePayload(1005, new byte[0]))));
        assertClosedWith(1002, "invalid close code 1005");
    }

    @Test
    void peerCloseIsAnsweredOnceWithItsCodeAndReportedOnce() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(
                client(CLOSE, closePayload(4001, "bye".getBytes(StandardCharsets.UTF_8))),
                client(CLOSE, closePayload(1000, new byte[0])), clientText("ignored after close"))));
        List<WireFrames.Frame> sent = StrictPipelines.sent(channel);
        assertThat(sent).singleElement().satisfies(close -> assertThat(close.closeCode()).isEqualTo(4001));
        assertThat(channel.isOpen()).isFalse();
        assertThat(app.texts).isEmpty();
        assertThat(app.terminations).singleElement().isInstanceOfSatisfying(ConnectionClosedException.class, closed -> {
            assertThat(closed.code()).isEqualTo(4001);
            assertThat(closed.reason()).isEqualTo("bye");
            assertThat(closed.byPeer()).isTrue();
        });
    }

    @Test
    void peerCloseWithInternalErrorIsEchoedAsIs() {
        channel.writeInbound(Unpooled.wrappedBuffer(client(CLOSE, closePayload(1011, new byte[0]))));
        assertThat(StrictPipelines.sent(channel)).singleElement()
                .satisfies(close -> assertThat(close.closeCode()).isEqualTo(1011));
        assertThat(app.terminations).singleElement().isInstanceOfSatisfying(ConnectionClosedException.class,
                closed -> assertThat(closed.code()).isEqualTo(1011));
    }

    @Test
    void applicationCloseIsSentOnceAndNothingFollowsIt() {
        ChannelFuture first = channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
        ChannelFuture second = channel.writeAndFlush(new CloseWebSocketFrame(1001, "again"));
        channel.writeInbound(Unpooled.wrappedBuffer(client(PING, new byte[] {1})));
        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isSuccess()).isFalse();
        assertThat(StrictPipelines.sent(channel)).singleElement().satisfies(close -> {
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1000);
        });
        channel.writeInbound(Unpooled.wrappedBuffer(client(CLOSE, closePayload(1000, new byte[0]))));
        assertThat(channel.isOpen()).isFalse();
        assertThat(StrictPipelines.sent(channel)).isEmpty();
        assertThat(app.terminations).singleElement().isInstanceOfSatisfying(ConnectionClosedException.class,
                closed -> assertThat(closed.byPeer()).isFalse());
    }

    @Test
    void clientSideRejectsAMaskedServerFrame() {
        EmbeddedChannel clientSide = new EmbeddedChannel();
        StrictWebSocketStages.install(clientSide.pipeline(), WebSocketLimits.DEFAULTS, false);
        clientSide.pipeline().fireChannelRead(Unpooled.wrappedBuffer(client(BINARY, new byte[] {1})));
        try {
            assertThatThrownBy(clientSide::checkException).isInstanceOfSatisfying(ProtocolViolationException.class,
                    violation -> {
                        assertThat(violation.closeCode()).isEqualTo(1002);
                        assertThat(violation).hasMessage("server frame with a mask");
                    });
        } finally {
            clientSide.finishAndReleaseAll();
        }
    }

    @Test
    void eofWithoutACloseFrameIsAConnectionLoss() {
        channel.close();
        assertThat(app.terminations).singleElement().isInstanceOfSatisfying(ConnectionLostException.class,
                lost -> assertThat(lost).hasMessage("connection lost: EOF without a close frame"));
    }

    private void assertClosedWith(int code, String reason) {
        List<WireFrames.Frame> sent = StrictPipelines.sent(channel);
        assertThat(sent).singleElement().satisfies(close -> {
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(code);
            assertThat(close.closeReason()).isEqualTo(reason);
        });
        StrictPipelines.lingerOut(channel);
        assertThat(channel.isOpen()).isFalse();
        assertThat(app.terminations).singleElement().isInstanceOfSatisfying(ProtocolViolationException.class,
                violation -> {
                    assertThat(violation.closeCode()).isEqualTo(code);
                    assertThat(violation).hasMessage(reason);
                });
    }
}
