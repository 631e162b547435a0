package dev.sluice.websocket;

import static dev.sluice.websocket.WireFrames.TEXT;
import static dev.sluice.websocket.WireFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that ends in the middle of a frame or of a fragmented message, or whose stages are
 * taken out of the pipeline, leaves no buffer behind: each stage releases what it was collecting
 * at the moment it learns, not later when the channel is torn down.
 */
class StagesReleaseOnEndTest {
    private final TrackingAllocator allocator = new TrackingAllocator();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    StagesReleaseOnEndTest() {
        channel.config().setAllocator(allocator);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void theAssemblerReleasesAPartMessageWhenTheConnectionGoesInactive() {
        channel.pipeline().addLast(new MessageAssembler());
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, allocator.track(Unpooled.buffer().writeInt(7))));
        assertThat(allocator.unreleased()).as("the first fragment is held").isEqualTo(1);
        channel.pipeline().fireChannelInactive();
        assertThat(allocator.unreleased()).as("buffers held after the connection went inactive").isZero();
    }

    @Test
    void theAssemblerReleasesAPartMessageWhenItIsRemoved() {
        MessageAssembler assembler = new MessageAssembler();
        channel.pipeline().addLast(assembler);
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, allocator.track(Unpooled.buffer().writeInt(7))));
        channel.pipeline().remove(assembler);
        assertThat(allocator.unreleased()).as("buffers held after the assembler left the pipeline").isZero();
    }

    @Test
    void theDecoderReleasesAPartTextFrameWhenItIsRemoved() {
        StrictFrameDecoder decoder = new StrictFrameDecoder(true, new WebSocketLimits(4096, 4096));
        channel.pipeline().addLast(decoder);
        byte[] wire = frame(true, 0, TEXT, true, new byte[600]);
        // the header and part of the payload: the decoder has copied those bytes into a buffer of its own
        channel.writeInbound(allocator.track(Unpooled.wrappedBuffer(Arrays.copyOf(wire, 300))));
        channel.pipeline().remove(decoder);
        for (Object left; (left = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(left);
        }
        assertThat(allocator.unreleased()).as("buffers held after the decoder left the pipeline").isZero();
    }
}
