package dev.sluice.bench.control;

import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.LongAdder;

/**
 * Echoes every complete data message back as it came, flushing once per read batch (the idiomatic
 * Netty echo): the control that Sluice's stream echo is measured against. Counts the payload
 * bytes it echoes, for per-message server figures.
 */
@ChannelHandler.Sharable
final class EchoFrameHandler extends ChannelInboundHandlerAdapter {
    private final LongAdder bytesEchoed = new LongAdder();

    long bytesEchoed() {
        return bytesEchoed.sum();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) {
            bytesEchoed.add(((ByteBufHolder) msg).content().readableBytes());
            ctx.write(msg, ctx.voidPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
