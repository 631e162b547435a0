package dev.sluice.conformance;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionStages;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The upgrade of the plain (no TLS) echo endpoint used only by the Autobahn run: answers a valid
 * RFC 6455 opening handshake with 101, removes the HTTP handlers and installs the very stages of
 * an established server connection ({@link ConnectionStages#install}) in the same event-loop task.
 */
final class PlainWebSocketUpgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ConnectionConfig config;
    private final ApplicationHandlerFactory application;
    private final String[] httpHandlers;

    PlainWebSocketUpgrade(ConnectionConfig config, ApplicationHandlerFactory application, String... httpHandlers) {
        this.config = config;
        this.application = application;
        this.httpHandlers = httpHandlers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws NoSuchAlgorithmException {
        String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            FullHttpResponse refusal = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.UPGRADE_REQUIRED);
            refusal.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FullHttpResponse accepted = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS);
        accepted.headers()
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, acceptKey(key));
        ctx.writeAndFlush(accepted).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        for (String name : httpHandlers) {
            ctx.pipeline().remove(name);
        }
        ctx.pipeline().remove(this);
        ConnectionInfo info = new ConnectionInfo((InetSocketAddress) ctx.channel().localAddress(),
                (InetSocketAddress) ctx.channel().remoteAddress(), List.of(), Optional.empty(), "none", "none", "");
        ConnectionStages.install(ctx.channel(), config, info, application);
    }

    static String acceptKey(String key) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }
}
