package dev.sluice.chaos.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Feeds what one socket reads into the link it is the source of. Event loop only. */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private Link link;

    void attach(Link link) {
        this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (link != null && msg instanceof ByteBuf data) {
            link.onRead(data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (link != null) {
            link.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            link.onSourceEnd();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A peer reset or a failed read ends this connection as an end of stream would.
        if (link != null) {
            link.connection().close();
        } else {
            ctx.close();
        }
    }
}
