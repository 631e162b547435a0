package dev.sluice.connection;

import dev.sluice.defect.Defect;
import dev.sluice.defect.Defects;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of an established connection: sends a ping every interval and fails the connection
 * with {@link KeepAliveTimeoutException} (fired as an exception for the connection handler) when
 * no frame at all arrived within the timeout. Any inbound frame counts as life, not only pongs.
 * While this side has switched auto-read off it cannot hear the peer, so that time counts as alive
 * (sampled at least once per interval).
 *
 * <p>Sits right after the frame decoder so that every frame, fragments included, resets the clock.
 * All fields are touched only on the channel's event loop; timers run there too (no threads).
 */
final class KeepAliveHandler extends ChannelDuplexHandler {
    private final long intervalNanos;
    private final long timeoutNanos;

    private ChannelHandlerContext ctx;
    private long lastLifeNanos;
    private long pongsReceived;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> deadlineTask;
    private boolean stopped;

    KeepAliveHandler(ConnectionConfig config) {
        this.intervalNanos = config.keepAliveInterval().toNanos();
        this.timeoutNanos = config.keepAliveTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastLifeNanos = now();
        if (intervalNanos > 0) {
            pingTask = ctx.executor().scheduleAtFixedRate(this::sendPing, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
        }
        if (timeoutNanos > 0) {
            deadlineTask = ctx.executor().schedule(this::checkDeadline, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof WebSocketFrame) {
            lastLifeNanos = now();
            if (msg instanceof PongWebSocketFrame) {
                pongsReceived++;
            }
        }
        super.channelRead(ctx, msg);
    }

    private void sendPing() {
        if (stopped || !ctx.channel().isActive() || Defects.armed(Defect.NO_PONG)) {
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
    }

    private void checkDeadline() {
        if (stopped) {
            return;
        }
        long now = now();
        if (!ctx.channel().config().isAutoRead()) {
            lastLifeNanos = now;
        }
        long silentNanos = now - lastLifeNanos;
        if (silentNanos >= timeoutNanos) {
            stop();
            ctx.fireExceptionCaught(new KeepAliveTimeoutException(TimeUnit.NANOSECONDS.toMillis(timeoutNanos),
                    TimeUnit.NANOSECONDS.toMillis(intervalNanos), pongsReceived));
            return;
        }
        // Checking at least every interval bounds how much of a read pause can go unnoticed.
        long nextCheck = timeoutNanos - silentNanos;
        if (intervalNanos > 0) {
            nextCheck = Math.min(nextCheck, intervalNanos);
        }
        deadlineTask = ctx.executor().schedule(this::checkDeadline, nextCheck, TimeUnit.NANOSECONDS);
    }

    private void stop() {
        stopped = true;
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
        if (deadlineTask != null) {
            deadlineTask.cancel(false);
            deadlineTask = null;
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
