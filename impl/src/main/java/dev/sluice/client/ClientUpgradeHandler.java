package dev.sluice.client;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionStages;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.tls.CertificateVerificationException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Drives a client connection from TCP connect to an established WebSocket, under one deadline
 * covering all three stages, and completes {@code result} exactly once: with the connection, or
 * with the reason it failed (a certificate problem unwrapped from the TLS exception, an HTTP
 * refusal, a timeout naming the stage, or the connection dropping).
 *
 * <p>Fields are touched only on the channel's event loop.
 */
final class ClientUpgradeHandler extends ChannelInboundHandlerAdapter {
    private final String target;
    private final long timeoutMillis;
    private final WebSocketClientHandshaker handshaker;
    private final ConnectionConfig connectionConfig;
    private final ApplicationHandlerFactory applicationHandler;
    private final String tlsProvider;
    private final CompletableFuture<SluiceConnection> result;

    private String stage = "TCP connect";
    private ScheduledFuture<?> deadline;

    ClientUpgradeHandler(String target, long timeoutMillis, WebSocketClientHandshaker handshaker,
            ConnectionConfig connectionConfig, ApplicationHandlerFactory applicationHandler, String tlsProvider,
            CompletableFuture<SluiceConnection> result) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.handshaker = handshaker;
        this.connectionConfig = connectionConfig;
        this.applicationHandler = applicationHandler;
        this.tlsProvider = tlsProvider;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(
                () -> fail(ctx, new ConnectTimeoutException(target, timeoutMillis, stage)), timeoutMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        stage = "TLS handshake";
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                stage = "WebSocket upgrade";
                handshaker.handshake(ctx.channel()).addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(ctx, f.cause());
                    }
                });
            } else {
                fail(ctx, handshake.cause());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpResponse response) || result.isDone()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (!response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                fail(ctx, new UpgradeRejectedException(target, response.status().code(),
                        response.status().reasonPhrase(), response.content().toString(StandardCharsets.UTF_8)));
                return;
            }
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException e) {
                fail(ctx, new UpgradeRejectedException(target, response.status().code(), "", e.getMessage()));
                return;
            }
            ConnectionInfo info = ConnectionStages.describe(ctx.channel(), tlsProvider, handshaker.actualSubprotocol());
            SluiceConnection connection;
            try {
                connection = ConnectionStages.install(ctx.channel(), connectionConfig, info, applicationHandler);
            } catch (RuntimeException e) {
                fail(ctx, new IllegalStateException("the application handler factory failed: " + e, e));
                return;
            }
            cancelDeadline();
            ctx.pipeline().remove(this);
            if (!result.complete(connection)) {
                ctx.close();
            }
        } finally {
            response.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new ConnectionLostException("the server closed the connection during the " + stage));
        super.channelInactive(ctx);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        cancelDeadline();
        if (result.completeExceptionally(explain(cause))) {
            ctx.close();
        }
    }

    private Throwable explain(Throwable cause) {
        CertificateVerificationException certificateProblem = CertificateVerificationException.findIn(cause);
        if (certificateProblem != null) {
            return certificateProblem;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return new SSLException("TLS with " + target + " failed during the " + stage + ": " + ssl.getMessage(), cause);
            }
        }
        return cause;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
