package dev.sluice.abuse;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.CompletableFuture;

/** Writes until the channel is no longer writable (the peer's buffers and ours are full), then stops. */
final class StallingFirehose extends Firehose {
    private static final int MESSAGE = 16 * 1024;

    /** Completed on the channel's event loop, with the channel, once it turned unwritable. */
    final CompletableFuture<Channel> stalled = new CompletableFuture<>();

    @Override
    void fill(ChannelHandlerContext ctx) {
        while (!stalled.isDone() && ctx.channel().isActive()) {
            if (!ctx.channel().isWritable()) {
                stalled.complete(ctx.channel());
                return;
            }
            if (!writeMessage(ctx, MESSAGE)) {
                return;
            }
        }
    }
}
