package dev.sluice.server;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionStages;
import dev.sluice.connection.SluiceConnection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between TCP accept and an established WebSocket on the server: starts the upgrade
 * timer once TLS is up, answers anything that is not a proper upgrade with an HTTP refusal (426
 * for plain HTTP, 404 wrong path, 400 no sluice subprotocol, 503 full, 403 refused client), and on
 * success installs the connection stages and removes itself. Failures before the upgrade (plaintext
 * on the TLS port, failed handshakes, silent clients) end the connection with a debug log only.
 *
 * <p>Fields are touched only on the channel's event loop.
 */
final class ServerUpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerUpgradeHandler.class);

    private final ServerConfig config;
    private final ServerConnections connections;
    private final String tlsProvider;

    private ScheduledFuture<?> upgradeTimeout;
    private boolean requestSeen;

    ServerUpgradeHandler(ServerConfig config, ServerConnections connections, String tlsProvider) {
        this.config = config;
        this.connections = connections;
        this.tlsProvider = tlsProvider;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                upgradeTimeout = ctx.executor().schedule(() -> {
                    log.debug("{} no complete upgrade request within {} ms; closing", ctx.channel(),
                            config.upgradeTimeout.toMillis());
                    ctx.close();
                }, config.upgradeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                log.debug("{} TLS handshake failed: {}", ctx.channel(), handshake.cause().toString());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || requestSeen) {
            ReferenceCountUtil.release(msg);
            return;
        }
        requestSeen = true;
        cancelTimeout();
        try {
            handle(ctx, request);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        HttpHeaders headers = request.headers();
        boolean upgrade = request.method().equals(HttpMethod.GET)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        if (!upgrade) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.UPGRADE_REQUIRED, "this port speaks WebSocket only (GET "
                    + config.path + ", subprotocol " + ConnectionStages.SUBPROTOCOL + ")",
                    HttpHeaderNames.UPGRADE.toString(), "websocket");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!path.equals(config.path)) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.NOT_FOUND, "no WebSocket endpoint at " + path
                    + "; use " + config.path);
            return;
        }
        if (!headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.BAD_REQUEST, "the upgrade request has no Sec-WebSocket-Key");
            return;
        }
        if (!offersSubprotocol(headers)) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.BAD_REQUEST, "the client must offer the WebSocket subprotocol "
                    + ConnectionStages.SUBPROTOCOL);
            return;
        }
        if (!connections.tryAdmit(ctx.channel())) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is at its limit of "
                    + config.maxConnections + " connections", HttpHeaderNames.RETRY_AFTER.toString(), "1");
            return;
        }
        ConnectionInfo info = ConnectionStages.describe(ctx.channel(), tlsProvider, ConnectionStages.SUBPROTOCOL);
        boolean accepted;
        try {
            accepted = config.clientAcceptor.test(info);
        } catch (RuntimeException e) {
            log.warn("{} the client acceptor failed; refusing the connection", ctx.channel(), e);
            HttpRefusals.refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the server could not decide on this client");
            return;
        }
        if (!accepted) {
            HttpRefusals.refuse(ctx, HttpResponseStatus.FORBIDDEN, "this client is not accepted"
                    + info.peerNodeId().map(id -> " (NodeId " + id + ")").orElse(""));
            return;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "wss://" + headers.get(HttpHeaderNames.HOST, "localhost") + config.path, ConnectionStages.SUBPROTOCOL,
                ConnectionStages.decoderConfig(config.connection, true)).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        // Registered before the 101 leaves: once the client sees the upgrade succeed, the server
        // already counts the connection. The stages go in after the handshake has put the frame
        // codec in place, so whatever the application writes when added is encoded as frames.
        SluiceConnection connection;
        try {
            connection = ConnectionStages.create(ctx.channel(), info, config.applicationHandler);
        } catch (RuntimeException e) {
            log.warn("{} the application handler factory failed; refusing the connection", ctx.channel(), e);
            HttpRefusals.refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the server could not set up the connection");
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

    private static boolean offersSubprotocol(HttpHeaders headers) {
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String offered : value.split(",")) {
                if (offered.trim().equals(ConnectionStages.SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{} connection failed before the WebSocket upgrade: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
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
