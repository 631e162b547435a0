package dev.sluice.conformance;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** The echo application of the conformance endpoint: writes every message back unchanged. */
final class EchoHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame) {
            ctx.writeAndFlush(frame);
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
