package dev.sluice.websocket;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Joins the fragments of a message into one text or binary frame. {@link StrictFrameDecoder}
 * has already checked the fragment sequence and the message size limit, so this stage only
 * collects; a connection that ends mid-message releases the collected part quietly (the close
 * handshake stage has already reported why the connection ended).
 *
 * <p>All state belongs to the channel's event loop.
 */
final class MessageAssembler extends ChannelInboundHandlerAdapter {
    /** Fragments kept as separate components before they are merged into one buffer. */
    private static final int MAX_COMPONENTS = 1024;

    private CompositeByteBuf fragments;
    private boolean text;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            if (fragments == null) {
                frame.release(); // cannot happen after StrictFrameDecoder; never pass a stray fragment up
                return;
            }
            fragments.addComponent(true, frame.content());
            if (frame.isFinalFragment()) {
                CompositeByteBuf whole = fragments;
                fragments = null;
                ctx.fireChannelRead(text ? new TextWebSocketFrame(true, 0, whole)
                        : new BinaryWebSocketFrame(true, 0, whole));
            }
        } else if (!frame.isFinalFragment() && (frame instanceof TextWebSocketFrame
                || frame instanceof BinaryWebSocketFrame)) {
            text = frame instanceof TextWebSocketFrame;
            fragments = ctx.alloc().compositeBuffer(MAX_COMPONENTS);
            fragments.addComponent(true, frame.content());
        } else {
            ctx.fireChannelRead(frame);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseFragments();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseFragments();
    }

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }
}
