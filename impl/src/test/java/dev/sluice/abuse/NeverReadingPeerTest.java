package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.KeepAliveTimeoutException;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import dev.sluice.websocket.RawWebSocket;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that upgrades and then neither reads nor sends: the server's application writes only
 * while the channel is writable, so what the server buffers stays within the high watermark plus
 * one message, and the keep-alive ends the connection (its pings get no answer).
 */
class NeverReadingPeerTest {
    private static final int MESSAGE = 16 * 1024;
    private static final int HIGH_WATER_MARK = 64 * 1024;
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(2);

    private final SharedEventLoops loops = new SharedEventLoops();
    private SluiceServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stopNow();
        }
        loops.close();
    }

    @Test
    void bufferedBytesStayWithinTheWatermarkAndTheKeepAliveEndsTheConnection() throws Exception {
        Firehose firehose = new Firehose();
        ConnectionConfig connection = Loopback.FAST.toBuilder()
                .keepAliveInterval(Duration.ofMillis(500))
                .keepAliveTimeout(KEEP_ALIVE_TIMEOUT)
                .writeBufferWaterMarks(HIGH_WATER_MARK / 2, HIGH_WATER_MARK)
                .build();
        server = SluiceServer.start(Loopback.server(loops, NodeIdentity.generate(), TlsProvider.AUTO, info -> firehose)
                .connection(connection).build());
        long started = System.nanoTime();
        try (RawWebSocket silent = RawWebSocket.connect(server.localAddress(), "/sluice")) {
            ConnectionException cause = firehose.terminated.get(30, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("never-reading peer: ended after " + millis + " ms by " + cause.getMessage() + "; "
                    + firehose.written.get() + " bytes written, at most " + firehose.maxPending.get()
                    + " bytes buffered in the channel");
            assertThat(cause).isInstanceOf(KeepAliveTimeoutException.class);
            assertThat(firehose.written.get()).as("bytes the application got to write").isGreaterThan(HIGH_WATER_MARK);
            assertThat(firehose.maxPending.get()).as("bytes buffered in the channel")
                    .isLessThanOrEqualTo(HIGH_WATER_MARK + MESSAGE + 1024);
        }
        Await.until("the server forgets the connection", Duration.ofSeconds(10), () -> server.connectionCount() == 0);
    }

    /** Writes messages while the channel is writable and records the most bytes ever buffered. */
    private static final class Firehose extends ChannelInboundHandlerAdapter {
        final CompletableFuture<ConnectionException> terminated = new CompletableFuture<>();
        final AtomicLong written = new AtomicLong();
        final AtomicLong maxPending = new AtomicLong();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().execute(() -> fill(ctx));
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            fill(ctx);
            ctx.fireChannelWritabilityChanged();
        }

        private void fill(ChannelHandlerContext ctx) {
            while (!terminated.isDone() && ctx.channel().isActive() && ctx.channel().isWritable()) {
                ChannelFuture write = ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[MESSAGE])));
                if (write.isDone() && !write.isSuccess()) {
                    return; // the connection is closing: writes fail without filling any buffer
                }
                written.addAndGet(MESSAGE);
                ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
                if (pending != null) {
                    maxPending.accumulateAndGet(pending.totalPendingWriteBytes(), Math::max);
                }
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ConnectionTerminated ended) {
                terminated.complete(ended.cause());
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
