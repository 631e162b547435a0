package dev.sluice.connection;

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
 * While this side has switched auto-read off it cannot hear the peer, so that time counts as alive:
 * it is sampled at every check (at least once per interval and once per quarter of the timeout), and
 * the clock restarts when reads resume after a pause a check saw. A pause no check saw was shorter
 * than a quarter of the timeout, so a live peer always has at least three quarters of it.
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
    /** The last check found auto-read off; the next read request (reads resuming) restarts the clock. */
    private boolean readsPausedAtLastCheck;
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
            deadlineTask = ctx.executor().schedule(this::checkDeadline, checkPeriodNanos(timeoutNanos),
                    TimeUnit.NANOSECONDS);
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

    /** Setting auto-read back on requests a read through the pipeline: the end of a pause. */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (readsPausedAtLastCheck && ctx.channel().config().isAutoRead()) {
            readsPausedAtLastCheck = false;
            lastLifeNanos = now();
        }
        ctx.read();
    }

    private void sendPing() {
        if (stopped || !ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
    }

    private void checkDeadline() {
        if (stopped) {
            return;
        }
        long now = now();
        readsPausedAtLastCheck = !ctx.channel().config().isAutoRead();
        if (readsPausedAtLastCheck) {
            lastLifeNanos = now;
        }
        long silentNanos = now - lastLifeNanos;
        if (silentNanos >= timeoutNanos) {
            stop();
            ctx.fireExceptionCaught(new KeepAliveTimeoutException(TimeUnit.NANOSECONDS.toMillis(timeoutNanos),
                    TimeUnit.NANOSECONDS.toMillis(intervalNanos), pongsReceived));
            return;
        }
        deadlineTask = ctx.executor().schedule(this::checkDeadline, checkPeriodNanos(timeoutNanos - silentNanos),
                TimeUnit.NANOSECONDS);
    }

    /** Frequent checks bound how much of a read pause can go unnoticed, pings on or off. */
    private long checkPeriodNanos(long untilDeadlineNanos) {
        long period = Math.min(untilDeadlineNanos, Math.max(1, timeoutNanos / 4));
        return intervalNanos > 0 ? Math.min(period, intervalNanos) : period;
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
