package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.WriteStallTimeoutException;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import dev.sluice.websocket.RawWebSocket;
import dev.sluice.websocket.WireFrames;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that never reads but keeps sending pings, so the keep-alive sees it alive: the write
 * stall timeout ends the connection once the server's writes have waited that long.
 */
class WriteStallTest {
    private static final Duration WRITE_STALL_TIMEOUT = Duration.ofSeconds(1);

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
    void aPeerThatPingsButNeverReadsIsDisconnectedAfterTheWriteStallTimeout() throws Exception {
        Firehose firehose = new Firehose();
        ConnectionConfig connection = Loopback.FAST.toBuilder()
                .keepAliveInterval(Duration.ofMillis(200))
                .keepAliveTimeout(Duration.ofMillis(600))
                .writeStallTimeout(WRITE_STALL_TIMEOUT)
                .build();
        server = SluiceServer.start(Loopback.server(loops, NodeIdentity.generate(), TlsProvider.AUTO, info -> firehose)
                .connection(connection).build());
        try (RawWebSocket peer = RawWebSocket.connect(server.localAddress(), "/sluice")) {
            firehose.stalled.get(20, TimeUnit.SECONDS);
            long stalledAt = System.nanoTime();
            // bounded: a ping every 100 ms (well inside the 600 ms keep-alive timeout) for at most 20 s
            for (int i = 0; i < 200 && !firehose.terminated.isDone(); i++) {
                peer.send(WireFrames.client(WireFrames.PING, new byte[0]));
                try {
                    firehose.terminated.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillOpen) {
                    // keep pinging
                }
            }
            ConnectionException cause = firehose.terminated.getNow(null);
            long millis = (System.nanoTime() - stalledAt) / 1_000_000;
            System.out.println("write stall: ended " + millis + " ms after the channel turned unwritable by "
                    + (cause == null ? "nothing" : cause.getMessage()));
            assertThat(cause).isInstanceOf(WriteStallTimeoutException.class)
                    .hasMessageContaining("peer read nothing for 1000 ms while ");
            assertThat(((WriteStallTimeoutException) cause).pendingBytes()).isGreaterThan(0);
            assertThat(millis).isGreaterThanOrEqualTo(WRITE_STALL_TIMEOUT.toMillis() - 50).isLessThan(10_000);
        }
        Await.until("the server forgets the connection", Duration.ofSeconds(10), () -> server.connectionCount() == 0);
    }

    /** Writes until the channel is no longer writable, then records that moment. */
    private static final class Firehose extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Void> stalled = new CompletableFuture<>();
        final CompletableFuture<ConnectionException> terminated = new CompletableFuture<>();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().execute(() -> fill(ctx));
        }

        private void fill(ChannelHandlerContext ctx) {
            while (ctx.channel().isActive()) {
                if (!ctx.channel().isWritable()) {
                    stalled.complete(null);
                    return;
                }
                ChannelFuture write = ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[16 * 1024])));
                if (write.isDone() && !write.isSuccess()) {
                    return;
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
