package dev.sluice.chaos.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.chaos.api.ApiException;
import dev.sluice.chaos.api.ApiResponse;
import dev.sluice.chaos.api.JsonBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one API request: refuses browsers, looks the route up, runs it and writes JSON. Errors
 * are always {@code {"error":"...","status":N}} and a newline, the shape Toxiproxy clients parse.
 * The body is read as JSON whatever the Content-Type (the Java client labels it as a form).
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RouteTable routes;

    ApiHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = success(answer(request));
        } catch (ApiException e) {
            response = error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("API request {} {} failed", request.method(), request.uri(), e);
            response = error(500, "internal error: " + e);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private ApiResponse answer(FullHttpRequest request) throws ApiException {
        String agent = request.headers().get(HttpHeaderNames.USER_AGENT, "");
        if (agent.startsWith("Mozilla/")) {
            throw new ApiException(403, "User agent not allowed");
        }
        if (!request.decoderResult().isSuccess()) {
            throw new ApiException(400, "malformed request: " + request.decoderResult().cause());
        }
        String path = new QueryStringDecoder(request.uri()).path();
        RouteTable.Match match = routes.match(request.method(), path);
        if (match.failure() != null) {
            throw match.failure();
        }
        String text = request.content().toString(StandardCharsets.UTF_8);
        Map<String, String> params = match.params();
        return match.action().handle(params, () -> JsonBody.parse(text));
    }

    private static FullHttpResponse success(ApiResponse answer) {
        if (answer.text() != null) {
            FullHttpResponse response = respond(answer.status(), Unpooled.wrappedBuffer(answer.text()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            return response;
        }
        if (answer.body() == null) {
            return respond(answer.status(), Unpooled.EMPTY_BUFFER);
        }
        return respond(answer.status(), json(answer.body(), false));
    }

    static FullHttpResponse error(int status, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", message);
        body.put("status", status);
        return respond(status, json(body, true));
    }

    private static ByteBuf json(JsonNode node, boolean newline) {
        String text = node.toString() + (newline ? "\n" : "");
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static FullHttpResponse respond(int status, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        if (body.isReadable()) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        HttpUtil.setContentLength(response, body.readableBytes());
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection failed", cause);
        ctx.close();
    }
}
