package dev.sluice.cli;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionInfo;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The reference server's application until streams exist: echoes every binary message and
 * drops text messages. Reads pause while the socket is not writable, so a client that does
 * not read cannot make the server buffer without bound.
 */
final class EchoApplication implements ApplicationHandlerFactory {
    @Override
    public ChannelHandler create(ConnectionInfo info) {
        return new Echo();
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame frame) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
                ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            super.channelWritabilityChanged(ctx);
        }
    }
}
