package dev.sluice.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails the connection with {@link WriteStallTimeoutException} (fired as an exception for the
 * connection handler) when the channel stays unwritable for the whole write stall timeout. The
 * watermarks bound what a peer that never reads costs in memory; this bounds how long it keeps
 * its connection, however alive it otherwise looks (pings count as life for the keep-alive).
 *
 * <p>One timer, armed when the channel turns unwritable and cancelled when it turns writable or
 * closes. All fields are touched only on the channel's event loop.
 */
final class WriteStallHandler extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;

    private ScheduledFuture<?> stallTask;
    private boolean stopped;

    WriteStallHandler(ConnectionConfig config) {
        this.timeoutNanos = config.writeStallTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        track(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        track(ctx);
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    private void track(ChannelHandlerContext ctx) {
        if (stopped || timeoutNanos == 0) {
            return;
        }
        if (ctx.channel().isWritable()) {
            cancel();
        } else if (stallTask == null) {
            stallTask = ctx.executor().schedule(() -> stalled(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stalled(ChannelHandlerContext ctx) {
        stallTask = null;
        if (stopped || ctx.channel().isWritable()) {
            return;
        }
        stop();
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        long pendingBytes = pending == null ? 0 : pending.totalPendingWriteBytes();
        ctx.fireExceptionCaught(new WriteStallTimeoutException(TimeUnit.NANOSECONDS.toMillis(timeoutNanos), pendingBytes));
    }

    private void cancel() {
        if (stallTask != null) {
            stallTask.cancel(false);
            stallTask = null;
        }
    }

    private void stop() {
        stopped = true;
        cancel();
    }
}
