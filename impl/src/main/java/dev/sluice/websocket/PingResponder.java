package dev.sluice.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Answers each ping with a pong carrying the same payload and consumes pongs, so that the
 * application above sees data frames only. Liveness is judged below, by any inbound bytes.
 * Pongs are written through {@link CloseHandshakeHandler}, which drops them after a close frame.
 */
final class PingResponder extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
