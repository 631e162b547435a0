package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.connection.LocalViolation;
import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the stream layer: the frame decoder alone, and a server-side
 * multiplexer (in an EmbeddedChannel, echoing every stream) fed a sequence of WebSocket messages.
 * {@code mvn verify} replays the committed inputs under {@code StreamFrameFuzzTestInputs/};
 * {@code ci/fuzz} fuzzes.
 */
class StreamFrameFuzzTest {
    private static final StreamConfig CONFIG = StreamConfig.builder().receiveWindow(256).maxDataFrameBytes(64).build();

    /** Any message decodes to a frame that encodes back to the same bytes, or is rejected as malformed. */
    @FuzzTest
    void decoderReturnsAFrameThatReencodesIdenticallyOrRejectsAsMalformed(byte[] data) {
        ByteBuf message = Unpooled.wrappedBuffer(data);
        try {
            StreamFrame frame = StreamProtocol.decode(message);
            try {
                ByteBuf again = StreamProtocol.encode(ByteBufAllocator.DEFAULT, frame);
                try {
                    assertThat(ByteBufUtil.getBytes(again)).as("re-encoded %s", frame).isEqualTo(data);
                } finally {
                    again.release();
                }
            } finally {
                frame.release();
            }
        } catch (StreamProtocolException e) {
            assertThat(e.closeCode()).isEqualTo(StreamCloseCode.MALFORMED_FRAME);
        } finally {
            assertThat(message.refCnt()).as("decode neither consumes nor releases the message").isEqualTo(1);
            message.release();
        }
    }

    /**
     * Messages are {@code [header][body]}: the header's low 7 bits give the body length, its top
     * bit makes it a text message. Whatever arrives: no exception escapes the multiplexer, it writes
     * only well-formed frames and at most one violation (a stream-layer close code) after which
     * nothing more, and every inbound buffer is released once the channel closes.
     */
    @FuzzTest
    void multiplexerWritesOnlyWellFormedFramesOrOneViolation(byte[] data) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new StreamMultiplexer(CONFIG, false, LocalMuxPair.TEST_INFO, EchoHandler.INSTANCE));
        List<WebSocketFrame> inbound = new ArrayList<>();
        LocalViolation violation = null;
        try {
            int at = 0;
            while (at < data.length && violation == null) {
                int header = data[at++] & 0xFF;
                int end = Math.min(data.length, at + (header & 0x7F));
                // a buffer of its own even when empty (copiedBuffer would hand out the shared EMPTY_BUFFER,
                // whose reference count never drops, so its release could not be checked)
                ByteBuf body = Unpooled.buffer(end - at).writeBytes(data, at, end - at);
                at = end;
                WebSocketFrame message = (header & 0x80) != 0 ? new TextWebSocketFrame(body)
                        : new BinaryWebSocketFrame(body);
                inbound.add(message);
                channel.writeInbound(message);
                channel.runPendingTasks();
                violation = drainOutbound(channel);
                channel.checkException();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        for (int i = 0; i < inbound.size(); i++) {
            assertThat(inbound.get(i).refCnt()).as("inbound message %d released", i).isZero();
        }
    }

    /** Checks what the multiplexer wrote; returns the violation it reported, if any. */
    private static LocalViolation drainOutbound(EmbeddedChannel channel) {
        LocalViolation violation = null;
        for (Object out; (out = channel.readOutbound()) != null; ) {
            assertThat(violation).as("nothing written after the violation %s", violation).isNull();
            if (out instanceof LocalViolation v) {
                assertThat(Arrays.stream(StreamCloseCode.values()).map(StreamCloseCode::code))
                        .as("close code of %s", v).contains(v.code());
                assertThat(v.reason()).isNotBlank();
                violation = v;
                continue;
            }
            assertThat(out).isInstanceOf(BinaryWebSocketFrame.class);
            BinaryWebSocketFrame frame = (BinaryWebSocketFrame) out;
            try {
                StreamProtocol.decode(frame.content()).release();
            } catch (StreamProtocolException e) {
                throw new AssertionError("the multiplexer wrote a malformed frame: " + e.getMessage(), e);
            } finally {
                frame.release();
            }
        }
        return violation;
    }
}
