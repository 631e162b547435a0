package dev.sluice.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of an established connection, both ways: the peer must be heard from (keep-alive) and
 * must take what this side sends (write stall). One handler with one standing timer, because an
 * idle connection's footprint is mostly its handlers and timers.
 *
 * <p><b>Keep-alive.</b> Sends a ping every interval and fails the connection
 * with {@link KeepAliveTimeoutException} (fired as an exception for the connection handler) when
 * no frame at all arrived within the timeout. Any inbound frame counts as life, not only pongs.
 * While this side has switched auto-read off it cannot hear the peer, so that time counts as alive:
 * it is sampled at every check (at least once per interval and once per quarter of the timeout), and
 * the clock restarts when reads resume after a pause a check saw. A pause no check saw was shorter
 * than a quarter of the timeout, so a live peer always has at least three quarters of it.
 *
 * The timer is rescheduled for whichever comes first, the next ping or the next check.
 *
 * <p><b>Write stall.</b> Fails the connection with {@link WriteStallTimeoutException} when the
 * channel stays unwritable for the whole write stall timeout. The watermarks bound what a peer that
 * never reads costs in memory; this bounds how long it keeps its connection, however alive it
 * otherwise looks (its pings count as life for the keep-alive). A second timer exists only while the
 * channel is unwritable.
 *
 * <p>Sits right after the frame decoder so that every frame, fragments included, resets the clock.
 * All fields are touched only on the channel's event loop; the timers run there too (no threads).
 */
final class LivenessHandler extends ChannelDuplexHandler implements Runnable {
    /** Shared by every connection: the durations are read from it rather than copied into each handler. */
    private final ConnectionConfig config;

    private ChannelHandlerContext ctx;
    private long lastLifeNanos;
    private long pongsReceived;
    /** Ticker times of the next ping and the next deadline check; NEVER when that duty is off. */
    private long nextPingNanos = NEVER;
    private long nextCheckNanos = NEVER;
    private ScheduledFuture<?> timer;
    /** Armed while the channel is unwritable. */
    private ScheduledFuture<?> stallTimer;
    /** The last check found auto-read off; the next read request (reads resuming) restarts the clock. */
    private boolean readsPausedAtLastCheck;
    private boolean stopped;

    private static final long NEVER = Long.MAX_VALUE;

    LivenessHandler(ConnectionConfig config) {
        this.config = config;
    }

    private long intervalNanos() {
        return config.keepAliveInterval().toNanos();
    }

    private long timeoutNanos() {
        return config.keepAliveTimeout().toNanos();
    }

    private long stallTimeoutNanos() {
        return config.writeStallTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        long now = now();
        lastLifeNanos = now;
        if (intervalNanos() > 0) {
            nextPingNanos = now + intervalNanos();
        }
        if (timeoutNanos() > 0) {
            nextCheckNanos = now + checkPeriodNanos(timeoutNanos());
        }
        scheduleNext(now);
        trackWritability();
    }

    /** The timer: sends the ping that is due, checks the deadline that is due, and rearms. */
    @Override
    public void run() {
        timer = null;
        if (stopped) {
            return;
        }
        long now = now();
        if (now >= nextPingNanos) {
            sendPing();
            nextPingNanos += intervalNanos();
            if (nextPingNanos <= now) { // the loop was held up past a whole interval: no burst of pings
                nextPingNanos = now + intervalNanos();
            }
        }
        if (now >= nextCheckNanos && !checkDeadline(now)) {
            return;
        }
        scheduleNext(now);
    }

    private void scheduleNext(long now) {
        long next = Math.min(nextPingNanos, nextCheckNanos);
        if (next != NEVER && !stopped) {
            timer = ctx.executor().schedule(this, Math.max(0, next - now), TimeUnit.NANOSECONDS);
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
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        trackWritability();
        super.channelWritabilityChanged(ctx);
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
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
    }

    /** @return false when the deadline passed and the connection is being failed */
    private boolean checkDeadline(long now) {
        readsPausedAtLastCheck = !ctx.channel().config().isAutoRead();
        if (readsPausedAtLastCheck) {
            lastLifeNanos = now;
        }
        long silentNanos = now - lastLifeNanos;
        if (silentNanos >= timeoutNanos()) {
            stop();
            ctx.fireExceptionCaught(new KeepAliveTimeoutException(TimeUnit.NANOSECONDS.toMillis(timeoutNanos()),
                    TimeUnit.NANOSECONDS.toMillis(intervalNanos()), pongsReceived));
            return false;
        }
        nextCheckNanos = now + checkPeriodNanos(timeoutNanos() - silentNanos);
        return true;
    }

    /** Frequent checks bound how much of a read pause can go unnoticed, pings on or off. */
    private long checkPeriodNanos(long untilDeadlineNanos) {
        long period = Math.min(untilDeadlineNanos, Math.max(1, timeoutNanos() / 4));
        return intervalNanos() > 0 ? Math.min(period, intervalNanos()) : period;
    }

    private void trackWritability() {
        if (stopped || stallTimeoutNanos() == 0) {
            return;
        }
        if (ctx.channel().isWritable()) {
            cancelStallTimer();
        } else if (stallTimer == null) {
            stallTimer = ctx.executor().schedule(this::stalled, stallTimeoutNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void stalled() {
        stallTimer = null;
        if (stopped || ctx.channel().isWritable()) {
            return;
        }
        stop();
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        long pendingBytes = pending == null ? 0 : pending.totalPendingWriteBytes();
        ctx.fireExceptionCaught(new WriteStallTimeoutException(config.writeStallTimeout().toMillis(),
                pendingBytes));
    }

    private void cancelStallTimer() {
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
    }

    private void stop() {
        stopped = true;
        cancelStallTimer();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
