package dev.sluice.websocket;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the close handshake of one connection: answers the peer's close frame with one close
 * frame echoing its code, sends exactly one close frame for a protocol violation (the code and
 * reason the violation carries), lets the application's one close frame through and drops any
 * later one, writes nothing after a close frame, and closes TCP when the handshake ends (or when
 * the peer does not answer within the close timeout).
 *
 * <p>It also decides why the connection ended (the first cause wins) and fires
 * {@link ConnectionTerminated} exactly once, just before passing on channelInactive. Layers below
 * (keep-alive, TLS) report their own cause by firing a {@link ConnectionException} through
 * exceptionCaught. Every field belongs to the channel's event loop.
 */
final class CloseHandshakeHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(CloseHandshakeHandler.class);

    private final boolean isServer;
    private final Duration closeTimeout;

    private boolean closeSent;
    private boolean closeReceived;
    /** Why the connection ends; the first cause decided wins. */
    private ConnectionException cause;
    private ScheduledFuture<?> closeTimer;

    CloseHandshakeHandler(boolean isServer, Duration closeTimeout) {
        this.isServer = isServer;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            onPeerClose(ctx, close);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPeerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        ByteBuf content = close.content();
        boolean hasCode = content.readableBytes() >= 2;
        int code = hasCode ? content.getUnsignedShort(content.readerIndex()) : CloseCodes.NO_STATUS;
        String reason = hasCode ? content.toString(content.readerIndex() + 2, content.readableBytes() - 2,
                StandardCharsets.UTF_8) : "";
        close.release();
        closeReceived = true;
        if (closeSent) {
            cancelCloseTimer();
            ctx.close();
            return;
        }
        decide(new ConnectionClosedException(code, reason, true));
        closeSent = true;
        ChannelFuture reply = ctx.writeAndFlush(hasCode ? closeFrame(code, "") : new CloseWebSocketFrame(true, 0,
                Unpooled.EMPTY_BUFFER));
        if (isServer) {
            reply.addListener(ChannelFutureListener.CLOSE);
        } else {
            reply.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            startCloseTimer(ctx);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!closeSent && msg instanceof CloseWebSocketFrame close) {
            closeSent = true;
            ByteBuf content = close.content();
            int code = content.readableBytes() >= 2 ? content.getUnsignedShort(content.readerIndex())
                    : CloseCodes.NO_STATUS;
            String reason = content.readableBytes() > 2 ? content.toString(content.readerIndex() + 2,
                    content.readableBytes() - 2, StandardCharsets.UTF_8) : "";
            decide(new ConnectionClosedException(code, reason, false));
            ctx.write(msg, promise).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            startCloseTimer(ctx);
        } else if (closeSent) {
            // After a close frame, RFC 6455 section 5.5.1 allows no further frames of any kind.
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new IOException("close frame already sent; nothing more is written"));
            }
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable thrown) {
        if (thrown instanceof ProtocolViolationException violation && !violation.byPeer()) {
            failConnection(ctx, violation.closeCode(), violation.getMessage(), violation);
        } else if (thrown instanceof TooLongFrameException tooLong) {
            failConnection(ctx, CloseCodes.MESSAGE_TOO_BIG, tooLong.getMessage(),
                    new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG, tooLong.getMessage(), false));
        } else if (thrown instanceof ConnectionException ended) {
            log.info("{}: {}", ctx.channel().remoteAddress(), ended.getMessage());
            decide(ended);
            ctx.close();
        } else if (thrown instanceof IOException || thrown instanceof DecoderException
                && thrown.getCause() instanceof IOException) {
            Throwable io = thrown instanceof IOException ? thrown : thrown.getCause();
            log.info("{}: connection lost: {}", ctx.channel().remoteAddress(), io.toString());
            decide(new ConnectionLostException(String.valueOf(io.getMessage()), io));
            ctx.close();
        } else {
            log.warn("{}: closing with 1011 after an internal error", ctx.channel().remoteAddress(), thrown);
            failConnection(ctx, CloseCodes.INTERNAL_ERROR, "internal error",
                    new ProtocolViolationException(CloseCodes.INTERNAL_ERROR, "internal error: " + thrown, false));
        }
    }

    /** Fails the connection (RFC 6455 section 7.1.7): one close frame if none was sent, then TCP close. */
    private void failConnection(ChannelHandlerContext ctx, int code, String reason, ConnectionException why) {
        log.info("{}: closing with {}: {}", ctx.channel().remoteAddress(), code, reason);
        decide(why);
        if (closeSent || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        closeSent = true;
        ctx.writeAndFlush(closeFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelCloseTimer();
        decide(new ConnectionLostException(closeSent
                ? "TCP closed before the peer answered the close frame" : "EOF without a close frame"));
        ctx.fireUserEventTriggered(new ConnectionTerminated(cause));
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelCloseTimer();
    }

    private void decide(ConnectionException why) {
        if (cause == null) {
            cause = why;
        }
    }

    private void startCloseTimer(ChannelHandlerContext ctx) {
        if (closeTimer != null || closeReceived && isServer) {
            return;
        }
        closeTimer = ctx.executor().schedule(() -> {
            log.info("{}: no close frame from the peer within {} ms; closing TCP", ctx.channel().remoteAddress(),
                    closeTimeout.toMillis());
            ctx.close();
        }, closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelCloseTimer() {
        if (closeTimer != null) {
            closeTimer.cancel(false);
            closeTimer = null;
        }
    }

    /** A close frame whose reason is cut to fit a control frame. */
    static CloseWebSocketFrame closeFrame(int code, String reason) {
        String fitted = CloseCodes.truncateReason(reason);
        ByteBuf content = Unpooled.buffer(2 + ByteBufUtil.utf8Bytes(fitted));
        content.writeShort(code);
        content.writeCharSequence(fitted, StandardCharsets.UTF_8);
        return new CloseWebSocketFrame(true, 0, content);
    }
}
