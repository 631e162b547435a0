package dev.sluice.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Plain-text HTTP refusals sent before the upgrade: one log line each (rate-limited), and the
 * connection closes once the answer is written. The upgrade timer stays armed until then, so a
 * refused client that reads nothing cannot keep the socket past the upgrade timeout.
 */
final class HttpRefusals {
    private HttpRefusals() {
    }

    static void refuse(ChannelHandlerContext ctx, RefusalLog log, UpgradeRequestCheck.Refusal refusal) {
        log.log(ctx.channel().remoteAddress(), "upgrade refused with " + refusal.status().code() + ": "
                + refusal.explanation());
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), refusal.status() + ": " + refusal.explanation() + "\n");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        for (int i = 0; i + 1 < refusal.headers().size(); i += 2) {
            response.headers().set(refusal.headers().get(i), refusal.headers().get(i + 1));
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
