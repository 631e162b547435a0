package dev.sluice.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Feeds arbitrary bytes and mutated valid sessions (bit flips, truncations, splices, duplicated,
 * dropped and reordered frames), split into arbitrary chunks, into the post-upgrade pipeline of a
 * server connection. Whatever arrives: no exception escapes, every buffer is released, and the
 * connection either stays open having sent no close frame, or sent exactly one close frame with a
 * code allowed on the wire (never 1011) as its last frame and then closed.
 * Tries: {@value FuzzTries#DEFAULT_TRIES}, or {@code -Dsluice.fuzz.tries=N}.
 */
class StrictPipelineFuzzProperties {
    private static final ConnectionConfig LIMITS = ConnectionConfig.builder()
            .maxFrameSize(512).maxMessageSize(2048).build();

    @Property
    @AddLifecycleHook(FuzzTries.class)
    void anyInputEndsInOneValidCloseOrLeavesTheConnectionHealthy(
            @ForAll("inputs") byte[] input,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 300) Integer> chunkSizes) {
        TrackingAllocator allocator = new TrackingAllocator();
        EchoApplication app = new EchoApplication();
        EmbeddedChannel channel = StrictPipelines.server(app, LIMITS);
        channel.config().setAllocator(allocator);
        List<WireFrames.Frame> sent = new ArrayList<>();
        try {
            int offset = 0;
            for (int i = 0; offset < input.length && channel.isOpen(); i++) {
                int size = Math.min(chunkSizes.get(i % chunkSizes.size()), input.length - offset);
                ByteBuf chunk = allocator.track(Unpooled.copiedBuffer(input, offset, size));
                channel.writeInbound(chunk);
                offset += size;
                sent.addAll(StrictPipelines.sent(channel));
            }
            channel.checkException();
            assertOneValidCloseOrHealthy(channel, sent);
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(allocator.unreleased()).as("buffers not released").isZero();
    }

    private static void assertOneValidCloseOrHealthy(EmbeddedChannel channel, List<WireFrames.Frame> sent) {
        List<WireFrames.Frame> closes = sent.stream().filter(f -> f.opcode() == WireFrames.CLOSE).toList();
        assertThat(closes).as("close frames sent").hasSizeLessThanOrEqualTo(1);
        if (closes.isEmpty()) {
            assertThat(channel.isOpen()).as("closed without a close frame").isTrue();
            FuzzTries.record("open");
            return;
        }
        WireFrames.Frame close = closes.get(0);
        assertThat(sent.get(sent.size() - 1)).as("the close frame is the last frame").isSameAs(close);
        assertThat(channel.isOpen()).as("open after sending a close frame").isFalse();
        if (close.payload().length == 0) {
            FuzzTries.record("closed, empty close echoed");
            return;
        }
        assertThat(close.closeCode()).as("close code").matches(CloseCodes::isValidOnWire)
                .isNotEqualTo(CloseCodes.INTERNAL_ERROR);
        FuzzTries.record(switch (close.closeCode()) {
            case CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD, CloseCodes.MESSAGE_TOO_BIG ->
                    "closed " + close.closeCode();
            default -> "closed, peer's code echoed";
        });
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(1, FuzzSessions.validSessions()),
                Tuple.of(4, FuzzSessions.mutatedSessions()));
    }

    /** Echoes every message, like an application that answers each request. */
    private static final class EchoApplication extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame) {
                ctx.writeAndFlush(frame);
            } else {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }
    }
}
