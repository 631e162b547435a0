package dev.sluice.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of an established connection's state: answers pings, runs the close
 * handshake, maps every way a connection can end to one {@link ConnectionException}, and fires
 * {@link ConnectionTerminated} exactly once (through {@link #terminate}). Sits just below the
 * application handler; only complete data messages pass up to it.
 *
 * <p>Close codes must arrive: after a violation it sends its close frame, writes nothing more and
 * {@linkplain CloseLinger lingers} (reads and discards until the peer closes, the peer goes quiet,
 * or the close timeout), because closing TCP over unread input would reset the connection and
 * destroy the close frame on its way. A keep-alive timeout sends a close frame too (1011,
 * {@code keep-alive timeout: no frame for N ms}) when the socket can take it.
 *
 * <p>Every field is touched only on the channel's event loop.
 */
final class WebSocketConnectionHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketConnectionHandler.class);

    private enum State { OPEN, CLOSE_SENT, CLOSED }

    private final ConnectionConfig config;
    private final SluiceConnection connection;

    private State state = State.OPEN;
    private int sentCloseCode;
    private String sentCloseReason = "";
    private ScheduledFuture<?> closeTimeout;
    /** Non-null while reading and discarding after a violation's close frame. */
    private CloseLinger linger;
    private boolean terminated;

    WebSocketConnectionHandler(ConnectionConfig config, SluiceConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            if (state == State.OPEN) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
            } else {
                ping.release();
            }
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            onPeerClose(ctx, close);
        } else if (state == State.CLOSED) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPeerClose(ChannelHandlerContext ctx, CloseWebSocketFrame frame) {
        int code = frame.statusCode();
        String reason = frame.reasonText();
        frame.release();
        if (state == State.CLOSE_SENT) {
            state = State.CLOSED;
            cancelCloseTimeout();
            terminate(ctx, new ConnectionClosedException(sentCloseCode, sentCloseReason, false));
            ctx.close();
            return;
        }
        if (state == State.CLOSED) {
            if (linger != null) {
                // the peer answered our close frame: it sends nothing more, so nothing is left unread
                ctx.close();
            }
            return;
        }
        state = State.CLOSED;
        stopLiveness(ctx);
        if (code != -1 && !WebSocketCloseStatus.isValidStatusCode(code)) {
            String problem = "the peer's close frame carries the invalid status code " + code;
            sendFinalCloseFrame(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR.code(), problem));
            terminate(ctx, new ProtocolViolationException(WebSocketCloseStatus.PROTOCOL_ERROR.code(), problem, false));
            return;
        }
        CloseWebSocketFrame reply = code == -1 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
        sendFinalCloseFrame(ctx, reply);
        terminate(ctx, new ConnectionClosedException(code == -1 ? WebSocketCloseStatus.EMPTY.code() : code, reason, true));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LocalViolation violation) {
            promise.trySuccess();
            if (!terminated) {
                protocolViolation(ctx, violation.code(), violation.reason());
            }
            return;
        }
        if (msg instanceof CloseWebSocketFrame close) {
            if (state != State.OPEN) {
                close.release();
                promise.tryFailure(new IllegalStateException("the close handshake has already started"));
                return;
            }
            state = State.CLOSE_SENT;
            stopLiveness(ctx);
            sentCloseCode = close.statusCode() == -1 ? WebSocketCloseStatus.EMPTY.code() : close.statusCode();
            sentCloseReason = close.reasonText();
            if (sentCloseCode != WebSocketCloseStatus.NORMAL_CLOSURE.code()
                    && sentCloseCode != WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code()) {
                // the application found the peer at fault (a stream protocol violation): one line, like ours
                log.info("{} closing with {}: {}", ctx.channel(), sentCloseCode, sentCloseReason);
            }
            ctx.write(close, promise);
            scheduleCloseTimeout(ctx, "peer did not answer the close frame");
            return;
        }
        if (state != State.OPEN && msg instanceof WebSocketFrame && !(msg instanceof PongWebSocketFrame)) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (terminated) {
            log.debug("{} failure after the connection ended", ctx.channel(), cause);
            ctx.close();
            return;
        }
        if (cause instanceof ProtocolViolationException violation && !violation.byPeer()) {
            // found by the strict frame decoder below: one close frame with its code and reason
            protocolViolation(ctx, violation.closeCode(), violation.getMessage());
        } else if (cause instanceof KeepAliveTimeoutException timeout) {
            keepAliveTimedOut(ctx, timeout);
        } else if (cause instanceof ConnectionException connectionException) {
            terminate(ctx, connectionException);
            ctx.close();
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            SSLException tls = cause instanceof SSLException e ? e : (SSLException) cause.getCause();
            terminate(ctx, new ConnectionLostException("TLS failure: " + tls.getMessage(), cause));
            ctx.close();
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            protocolViolation(ctx, corrupted.closeStatus().code(), corrupted.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            protocolViolation(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
                    "message larger than the maximum message size of " + config.maxMessageSize() + " bytes");
        } else if (cause instanceof CorruptedFrameException || cause instanceof DecoderException) {
            protocolViolation(ctx, WebSocketCloseStatus.PROTOCOL_ERROR.code(), String.valueOf(cause.getMessage()));
        } else if (cause instanceof IOException) {
            terminate(ctx, new ConnectionLostException(describe(cause), cause));
            ctx.close();
        } else {
            log.warn("{} unexpected failure; closing the connection with 1011", ctx.channel(), cause);
            protocolViolation(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "internal error: " + cause);
        }
    }

    /**
     * The one violation path: one log line, one close frame (unless one is already out), then
     * linger so that the peer reads it, and termination with a {@link ProtocolViolationException}.
     */
    private void protocolViolation(ChannelHandlerContext ctx, int code, String reason) {
        log.info("{} closing with {}: {}", ctx.channel(), code, reason);
        String wireReason = CloseReasons.truncate(reason);
        stopLiveness(ctx);
        if (state == State.OPEN) {
            state = State.CLOSED;
            ctx.writeAndFlush(new CloseWebSocketFrame(code, wireReason)).addListener(written -> {
                if (written.isSuccess()) {
                    startLinger(ctx);
                } else {
                    ctx.close();
                }
            });
            scheduleCloseTimeout(ctx, "peer did not close after the violation's close frame");
        } else if (state == State.CLOSE_SENT) {
            // our close frame is already on its way: no second one, but the same wait before TCP closes
            state = State.CLOSED;
            startLinger(ctx);
        } else if (linger == null) {
            ctx.close();
        }
        terminate(ctx, new ProtocolViolationException(code, reason, false));
    }

    private void startLinger(ChannelHandlerContext ctx) {
        if (linger == null && ctx.channel().isActive()) {
            linger = CloseLinger.start(ctx, config.closeTimeout());
        }
    }

    /**
     * Tells the peer why before dropping it, when the socket can take a frame now: a silent peer
     * may be alive behind a broken path, and a close code says more than 1006. 1011 (the server
     * ended the connection for a condition it could not work around) as Python websockets does
     * for its keep-alive; not 1001, which tells a client the endpoint itself is going away.
     */
    private void keepAliveTimedOut(ChannelHandlerContext ctx, KeepAliveTimeoutException timeout) {
        if (state == State.OPEN && ctx.channel().isWritable()) {
            state = State.CLOSED;
            sendFinalCloseFrame(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(),
                    keepAliveCloseReason(timeout.waitedMillis())));
        } else {
            ctx.close();
        }
        terminate(ctx, timeout);
    }

    /** The close reason a keep-alive timeout sends. */
    static String keepAliveCloseReason(long waitedMillis) {
        return "keep-alive timeout: no frame for " + waitedMillis + " ms";
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // every socket read ends here, also when the failed decoder below turned it into nothing
        if (linger != null) {
            linger.inputArrived();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslCloseCompletionEvent && linger != null) {
            // the peer's TLS close_notify: it sends nothing more
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelCloseTimeout();
        if (linger != null) {
            linger.cancel();
        }
        if (state == State.CLOSE_SENT) {
            terminate(ctx, new ConnectionClosedException(sentCloseCode, sentCloseReason, false));
        } else {
            terminate(ctx, new ConnectionLostException("EOF without a close frame"));
        }
        state = State.CLOSED;
        super.channelInactive(ctx);
    }

    private void terminate(ChannelHandlerContext ctx, ConnectionException cause) {
        if (terminated) {
            return;
        }
        terminated = true;
        log.debug("{} connection ended: {}", ctx.channel(), cause.getMessage());
        ctx.fireUserEventTriggered(new ConnectionTerminated(cause));
        connection.markTerminated(cause);
    }

    /** No pings or stall checks once a close frame is on its way; the close timeout bounds the rest. */
    private static void stopLiveness(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(ConnectionStages.LIVENESS) != null) {
            ctx.pipeline().remove(ConnectionStages.LIVENESS);
        }
    }

    /**
     * Writes this side's last close frame and closes TCP once it is out. A peer that stopped
     * reading would keep that write (and the socket) pending forever, so the close timeout
     * closes TCP regardless.
     */
    private void sendFinalCloseFrame(ChannelHandlerContext ctx, CloseWebSocketFrame frame) {
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        scheduleCloseTimeout(ctx, "close frame not written (the peer reads nothing)");
    }

    /** Closes TCP after the close timeout unless the channel closed first (channelInactive cancels). */
    private void scheduleCloseTimeout(ChannelHandlerContext ctx, String what) {
        cancelCloseTimeout();
        closeTimeout = ctx.executor().schedule(() -> {
            log.debug("{} {} within {} ms; closing TCP", ctx.channel(), what, config.closeTimeout().toMillis());
            ctx.close();
        }, config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelCloseTimeout() {
        if (closeTimeout != null) {
            closeTimeout.cancel(false);
            closeTimeout = null;
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("reset")) {
            return "connection reset by the peer";
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
