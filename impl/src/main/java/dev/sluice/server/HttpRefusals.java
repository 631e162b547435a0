package dev.sluice.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Plain-text HTTP refusals sent before the upgrade; each one closes the connection after it is written. */
final class HttpRefusals {
    private HttpRefusals() {
    }

    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String explanation, String... extraHeaders) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), status + ": " + explanation + "\n");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            response.headers().set(extraHeaders[i], extraHeaders[i + 1]);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
