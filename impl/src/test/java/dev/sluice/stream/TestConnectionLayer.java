package dev.sluice.stream;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionTerminated;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The part of the connection layer the stream layer relies on (impl/CONNECTIONS.md), for in-memory tests:
 * the close handshake and exactly one {@link ConnectionTerminated} event. Records the close code
 * received from the peer.
 */
public final class TestConnectionLayer extends ChannelDuplexHandler {
    private static final long CLOSE_TIMEOUT_MILLIS = 2000;

    /** The close frame the peer sent (code), once it arrived. */
    public final CompletableFuture<Integer> closeCodeReceived = new CompletableFuture<>();
    public final CompletableFuture<String> closeReasonReceived = new CompletableFuture<>();
    private boolean closeSent;
    private boolean closeReceived;
    private boolean terminated;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame close) {
            if (closeSent) {
                close.release();
                promise.setSuccess();
                return;
            }
            closeSent = true;
            int code = close.statusCode();
            String reason = close.reasonText();
            ctx.write(msg, promise);
            terminate(ctx, new ConnectionClosedException(code, reason, false));
            if (closeReceived) {
                promise.addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.executor().schedule(() -> {
                    ctx.close();
                }, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            closeReceived = true;
            int code = close.statusCode();
            String reason = close.reasonText();
            close.release();
            closeCodeReceived.complete(code);
            closeReasonReceived.complete(reason);
            terminate(ctx, new ConnectionClosedException(code, reason, true));
            if (closeSent) {
                ctx.close();
            } else {
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        terminate(ctx, new ConnectionLostException("EOF without a close frame"));
        closeCodeReceived.complete(-1);
        closeReasonReceived.complete("");
        ctx.fireChannelInactive();
    }

    private void terminate(ChannelHandlerContext ctx, dev.sluice.connection.ConnectionException cause) {
        if (!terminated) {
            terminated = true;
            ctx.fireUserEventTriggered(new ConnectionTerminated(cause));
        }
    }
}
