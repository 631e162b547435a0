package dev.sluice.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * One input run through the post-upgrade pipeline of a server connection, split into the given
 * chunk sizes, and the outcome checked: no exception escapes, every buffer is released, and the
 * connection either stays open having sent no close frame and reported no end, or sent exactly one
 * close frame as its last frame, closed, and reported one end: the peer's own code echoed after the
 * peer's close, or 1002, 1007 or 1009 with the exact reason after a violation (never 1011).
 * Shared by the random-input property and the coverage-guided fuzz test.
 */
final class StrictPipelineRun {
    static final ConnectionConfig LIMITS = ConnectionConfig.builder().maxFrameSize(512).maxMessageSize(2048).build();

    private StrictPipelineRun() {
    }

    static void endsInOneValidCloseOrHealthy(byte[] input, List<Integer> chunkSizes) {
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
            assertOneValidCloseOrHealthy(channel, sent, app.terminations);
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(allocator.unreleased()).as("buffers not released").isZero();
    }

    private static void assertOneValidCloseOrHealthy(EmbeddedChannel channel, List<WireFrames.Frame> sent,
            List<ConnectionException> terminations) {
        List<WireFrames.Frame> closes = sent.stream().filter(f -> f.opcode() == WireFrames.CLOSE).toList();
        assertThat(closes).as("close frames sent").hasSizeLessThanOrEqualTo(1);
        if (closes.isEmpty()) {
            assertThat(channel.isOpen()).as("closed without a close frame").isTrue();
            assertThat(terminations).as("terminations of an open connection").isEmpty();
            FuzzTries.record("open");
            return;
        }
        WireFrames.Frame close = closes.get(0);
        assertThat(sent.get(sent.size() - 1)).as("the close frame is the last frame").isSameAs(close);
        StrictPipelines.lingerOut(channel);
        assertThat(StrictPipelines.sent(channel)).as("frames after the close frame").isEmpty();
        assertThat(channel.isOpen()).as("open after sending a close frame").isFalse();
        assertThat(terminations).as("terminations").hasSize(1);
        ConnectionException cause = terminations.get(0);
        if (cause instanceof ConnectionClosedException peerClose) {
            // the peer closed first: its code comes back (none when it sent none)
            assertThat(peerClose.byPeer()).isTrue();
            assertThat(close.closeCode()).as("echoed close code").isEqualTo(peerClose.code());
            FuzzTries.record(close.payload().length == 0 ? "closed, empty close echoed" : "closed, peer's code echoed");
        } else {
            // the peer broke RFC 6455: one of the three codes for that, and its reason
            assertThat(cause).isInstanceOf(ProtocolViolationException.class);
            ProtocolViolationException violation = (ProtocolViolationException) cause;
            assertThat(violation.closeCode()).isIn(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
                    CloseCodes.MESSAGE_TOO_BIG);
            assertThat(close.closeCode()).as("close code").isEqualTo(violation.closeCode());
            assertThat(close.closeReason()).as("close reason").isEqualTo(violation.getMessage());
            FuzzTries.record("closed " + close.closeCode());
        }
    }

    /** Echoes every message, like an application that answers each request. */
    private static final class EchoApplication extends io.netty.channel.ChannelInboundHandlerAdapter {
        final List<ConnectionException> terminations = new ArrayList<>();

        @Override
        public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ConnectionTerminated terminated) {
                terminations.add(terminated.cause());
            }
        }

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
