package dev.sluice.websocket;

import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionTerminated;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;

/** An application handler that records the messages and termination causes it receives. */
public final class RecordingApplication extends ChannelInboundHandlerAdapter {
    public final List<String> texts = new ArrayList<>();
    public final List<ConnectionException> terminations = new ArrayList<>();
    public int binaries;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                texts.add(text.text());
            } else if (msg instanceof BinaryWebSocketFrame) {
                binaries++;
            } else {
                throw new AssertionError("the application received " + msg);
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ConnectionTerminated terminated) {
            terminations.add(terminated.cause());
        }
        ctx.fireUserEventTriggered(evt);
    }
}
