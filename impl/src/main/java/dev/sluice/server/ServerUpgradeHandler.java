package dev.sluice.server;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionStages;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.protocol.StreamProtocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between TCP accept and an established WebSocket on the server. Once TLS is up it arms
 * the upgrade timer, which closes the connection unless an upgrade succeeds in time: a request that
 * never completes (headers trickling in) and a refused client that does not take its answer both
 * end there. The request is checked by {@link UpgradeRequestCheck} before anything else sees it
 * (RFC 6455 §4.2.1, only version 13, path, origin, subprotocol); then admission (503 when full) and
 * the client acceptor (403). A refusal answers over HTTP, logs one line (rate-limited, no stack
 * trace) and closes. An accepted request goes to Netty's version 13 handshaker, chosen here and
 * never by version negotiation, so no pre-RFC handshake is ever spoken; the connection stages go
 * in and this handler leaves. Failures before the upgrade that are not requests (plaintext on the
 * TLS port, failed TLS handshakes) end the connection with a debug log only.
 *
 * <p>Fields are touched only on the channel's event loop.
 */
final class ServerUpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerUpgradeHandler.class);

    private final ServerConfig config;
    private final ServerConnections connections;
    private final String tlsProvider;
    private final RefusalLog refusals;
    private final UpgradeRequestCheck check;

    private ScheduledFuture<?> upgradeTimeout;
    private boolean requestSeen;
    /**
     * Set once this handler closes the connection: the HTTP decoder then hands up what it had
     * of a request as a failed one, which is no request to answer.
     */
    private boolean closing;

    ServerUpgradeHandler(ServerConfig config, ServerConnections connections, String tlsProvider, RefusalLog refusals) {
        this.config = config;
        this.connections = connections;
        this.tlsProvider = tlsProvider;
        this.refusals = refusals;
        this.check = new UpgradeRequestCheck(config.path, config.allowedOrigins);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                upgradeTimeout = ctx.executor().schedule(() -> upgradeTimedOut(ctx),
                        config.upgradeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                log.debug("{} TLS handshake failed: {}", ctx.channel(), handshake.cause().toString());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void upgradeTimedOut(ChannelHandlerContext ctx) {
        upgradeTimeout = null;
        closing = true;
        if (requestSeen) {
            log.debug("{} the refused client did not take its answer within {} ms; closing", ctx.channel(),
                    config.upgradeTimeout.toMillis());
        } else {
            refusals.log(ctx.channel().remoteAddress(), "closed: no complete upgrade request within "
                    + config.upgradeTimeout.toMillis() + " ms");
        }
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || requestSeen || closing || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        requestSeen = true;
        try {
            handle(ctx, request);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        Optional<UpgradeRequestCheck.Refusal> refusal = check.check(request);
        if (refusal.isPresent()) {
            HttpRefusals.refuse(ctx, refusals, refusal.get());
            return;
        }
        if (!connections.tryAdmit(ctx.channel())) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is at its limit of "
                    + config.maxConnections + " connections", HttpHeaderNames.RETRY_AFTER.toString(), "1");
            return;
        }
        ConnectionInfo info = ConnectionStages.describe(ctx.channel(), tlsProvider, StreamProtocol.SUBPROTOCOL);
        boolean accepted;
        try {
            accepted = config.clientAcceptor.test(info);
        } catch (RuntimeException e) {
            log.warn("{} the client acceptor failed; refusing the connection", ctx.channel(), e);
            refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the server could not decide on this client");
            return;
        }
        if (!accepted) {
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "this client is not accepted"
                    + info.peerNodeId().map(id -> " (NodeId " + id + ")").orElse(""));
            return;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshaker13(
                "wss://" + request.headers().get(HttpHeaderNames.HOST) + config.path, StreamProtocol.SUBPROTOCOL,
                ConnectionStages.decoderConfig(config.connection, true));
        // Registered before the 101 leaves: once the client sees the upgrade succeed, the server
        // already counts the connection. The stages go in after the handshake has put the frame
        // codec in place, so whatever the application writes when added is encoded as frames.
        SluiceConnection connection;
        try {
            connection = ConnectionStages.create(ctx.channel(), info, config.applicationHandler, connections);
        } catch (RuntimeException e) {
            log.warn("{} the application handler factory failed; refusing the connection", ctx.channel(), e);
            refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the server could not set up the connection");
            return;
        }
        ctx.pipeline().remove(this);
        connections.established(connection);
        handshaker.handshake(ctx.channel(), request).addListener(future -> {
            if (!future.isSuccess()) {
                log.debug("{} WebSocket handshake failed: {}", ctx.channel(), future.cause().toString());
                ctx.channel().close();
            }
        });
        ConnectionStages.install(connection, config.connection);
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String explanation, String... headers) {
        HttpRefusals.refuse(ctx, refusals, UpgradeRequestCheck.Refusal.of(status, explanation, headers));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{} connection failed before the WebSocket upgrade: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        cancelTimeout();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void cancelTimeout() {
        if (upgradeTimeout != null) {
            upgradeTimeout.cancel(false);
            upgradeTimeout = null;
        }
    }
}
