package dev.sluice.abuse;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * A server application that floods its peer with binary messages, drops whatever the peer sends,
 * and records why the connection ended. Subclasses decide how long to keep writing; one instance
 * serves one connection.
 */
abstract class Firehose extends ChannelInboundHandlerAdapter {
    /** Completed on the channel's event loop with the cause the connection ended with. */
    final CompletableFuture<ConnectionException> terminated = new CompletableFuture<>();

    /** Starts the test's loopback server with this application and {@code connection}'s settings. */
    SluiceServer startServer(LoopbackFixture net, ConnectionConfig connection) throws Exception {
        return net.startServer(NodeIdentity.generate(), TlsProvider.AUTO, info -> this,
                config -> config.connection(connection));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.executor().execute(() -> fill(ctx));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        fill(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    /** Writes messages to the peer; runs on the channel's event loop. */
    abstract void fill(ChannelHandlerContext ctx);

    /** Writes one message of {@code size} zero bytes; false if the write already failed (the connection is closing). */
    static boolean writeMessage(ChannelHandlerContext ctx, int size) {
        ChannelFuture write = ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[size])));
        return !write.isDone() || write.isSuccess();
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
