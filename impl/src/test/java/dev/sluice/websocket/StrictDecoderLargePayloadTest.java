package dev.sluice.websocket;

import static dev.sluice.websocket.WireFrames.BINARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Binary payloads of every size around the decoder's slicing thresholds, arriving whole, in pieces
 * of any size and dribbled, masked: each is delivered byte for byte, once, and every buffer the
 * test wrote in is released.
 */
class StrictDecoderLargePayloadTest {
    private static final int[] SIZES = {1023, 1024, 8191, 8192, 8193, 20_000, 262_144, 300_001};

    @Test
    void payloadsArrivingInPiecesOfAnySizeAreDeliveredExactly() {
        Random random = new Random(20261129);
        // piece size as a function of the bytes already sent
        List<IntUnaryOperator> cuts = List.of(
                sent -> Integer.MAX_VALUE,                     // all at once
                sent -> sent < 12_000 ? 1 : 16 * 1024,         // dribbled byte by byte, then TLS-record sized
                sent -> 16 * 1024,                             // TLS-record sized
                sent -> 1 + random.nextInt(40_000),            // anything
                sent -> 1 + random.nextInt(9_000));            // around the smallest piece taken
        for (int size : SIZES) {
            for (int c = 0; c < cuts.size(); c++) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                Delivered delivered = deliver(WireFrames.client(BINARY, payload), cuts.get(c));
                assertThat(delivered.messages).as("size %d, cut %d", size, c).containsExactly(payload);
                assertThat(delivered.unreleasedInputs).as("size %d, cut %d", size, c).isZero();
            }
        }
    }

    @Test
    void messagesWhoseBytesShareReadsAreDeliveredApart() {
        Random random = new Random(29);
        for (int size : SIZES) {
            byte[] first = new byte[size];
            byte[] second = new byte[size / 2 + 1];
            random.nextBytes(first);
            random.nextBytes(second);
            byte[] a = WireFrames.client(BINARY, first);
            byte[] b = WireFrames.client(BINARY, second);
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            // reads that end inside the first message's last piece and carry the second one's start
            for (int piece : new int[] {16 * 1024, 9_000, 1 + random.nextInt(40_000)}) {
                Delivered delivered = deliver(both, sent -> piece);
                assertThat(delivered.messages).as("size %d, pieces of %d", size, piece).containsExactly(first, second);
                assertThat(delivered.unreleasedInputs).isZero();
            }
        }
    }

    @Test
    void aLargePayloadArrivingInPiecesIsGatheredWithoutCopying() {
        byte[] payload = new byte[100_000];
        new Random(7).nextBytes(payload);
        Delivered delivered = deliver(WireFrames.client(BINARY, payload), sent -> 16 * 1024);
        assertThat(delivered.messages).containsExactly(payload);
        assertThat(delivered.components).containsExactly(7); // 100,000 bytes after a 14-byte header, 16 KiB at a time
    }

    private record Delivered(List<byte[]> messages, List<Integer> components, long unreleasedInputs) {
    }

    /** Writes {@code frame} (one frame or several back to back) into a server pipeline in pieces of {@code cut.applyAsInt(bytesSentSoFar)} bytes. */
    private static Delivered deliver(byte[] frame, IntUnaryOperator cut) {
        Collector collector = new Collector();
        EmbeddedChannel channel = StrictPipelines.server(collector, ConnectionConfig.builder()
                .maxFrameSize(1 << 20).maxMessageSize(1 << 20).build());
        List<ByteBuf> inputs = new ArrayList<>();
        int offset = 0;
        while (offset < frame.length) {
            int n = Math.max(1, Math.min(frame.length - offset, cut.applyAsInt(offset)));
            ByteBuf piece = Unpooled.copiedBuffer(frame, offset, n);
            inputs.add(piece);
            channel.writeInbound(piece);
            offset += n;
        }
        channel.finishAndReleaseAll();
        long unreleased = inputs.stream().filter(b -> b.refCnt() > 0).count();
        return new Delivered(collector.messages, collector.components, unreleased);
    }

    /** Copies out each binary message and how many pieces its buffer was made of, then releases it. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        final List<byte[]> messages = new ArrayList<>();
        final List<Integer> components = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf content = ((BinaryWebSocketFrame) msg).content();
                byte[] bytes = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), bytes);
                messages.add(bytes);
                components.add(content instanceof CompositeByteBuf composite ? composite.numComponents() : 1);
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }
    }
}
