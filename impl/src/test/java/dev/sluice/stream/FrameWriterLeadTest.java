package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A server's DATA frame carries the payload bytes of its first TLS record in the header's buffer,
 * so the TLS stage never has to gather that record from two buffers (which costs a temporary heap
 * buffer per message); the bytes on the wire stay the same. A client's frames are masked (copied)
 * anyway, so they are left as header and payload.
 */
class FrameWriterLeadTest {
    private static final int[] SIZES = {1024, 1025, 4096, 16_374, 16_375, 16_376, 65_530, 65_531, 65_536, 262_144};

    @Test
    void leadFillsTheFirstRecordAfterBothHeaders() {
        assertThat(FrameWriter.leadBytes(1024)).isEqualTo(1024);
        assertThat(FrameWriter.leadBytes(16_375)).isEqualTo(16_375);          // 4 + 5 + 16,375 = 16 KiB
        assertThat(FrameWriter.leadBytes(16_376)).isEqualTo(16_375);
        assertThat(FrameWriter.leadBytes(65_530)).isEqualTo(16_375);          // WebSocket length 65,535: 4-byte header
        assertThat(FrameWriter.leadBytes(65_531)).isEqualTo(16_369);          // 65,536: 10-byte header
        assertThat(FrameWriter.leadBytes(1 << 20)).isEqualTo(16_369);
    }

    @Test
    void serverFramesStartWithOneBufferOfTheFirstRecordAndKeepEveryByte() {
        for (int size : SIZES) {
            ByteBuf content = written(true, size);
            try {
                int expectedFirst = StreamProtocol.HEADER_LENGTH + FrameWriter.leadBytes(size);
                assertThat(firstPieceLength(content)).as("first buffer of a %d-byte payload", size)
                        .isEqualTo(expectedFirst);
                assertFrameBytes(content, size);
            } finally {
                content.release();
            }
        }
    }

    @Test
    void clientFramesKeepHeaderAndPayloadApart() {
        ByteBuf content = written(false, 65_536);
        try {
            assertThat(firstPieceLength(content)).isEqualTo(StreamProtocol.HEADER_LENGTH);
            assertFrameBytes(content, 65_536);
        } finally {
            content.release();
        }
    }

    private static int firstPieceLength(ByteBuf content) {
        return content instanceof CompositeByteBuf composite
                ? composite.internalComponent(0).readableBytes() : content.readableBytes();
    }

    /** The header names DATA on stream 3, and the payload follows it byte for byte. */
    private static void assertFrameBytes(ByteBuf content, int size) {
        assertThat(content.readableBytes()).isEqualTo(StreamProtocol.HEADER_LENGTH + size);
        byte[] expected = payload(size);
        byte[] actual = new byte[size];
        content.getBytes(content.readerIndex() + StreamProtocol.HEADER_LENGTH, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(content.getInt(content.readerIndex() + 1)).isEqualTo(3);
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Writes one DATA frame of {@code size} bytes through a writer on an embedded channel. */
    private static ByteBuf written(boolean unmasked, int size) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        try {
            ChannelHandlerContext ctx = channel.pipeline().firstContext();
            FrameWriter writer = new FrameWriter(StreamConfig.DEFAULT_MAX_DATA_FRAME_BYTES, unmasked);
            writer.attach(ctx);
            ByteBuf payload = Unpooled.directBuffer(size).writeBytes(payload(size));
            writer.data(3, payload);
            channel.flushOutbound();
            BinaryWebSocketFrame frame = channel.readOutbound();
            assertThat(payload.refCnt()).as("the payload is owned by the frame or released").isLessThanOrEqualTo(1);
            assertThat((Object) channel.readOutbound()).isNull();
            return frame.content();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
