package dev.sluice.connection;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The wait between a close frame sent after a violation and closing TCP, so that the peer reads
 * the close code. Closing a socket while the peer's bytes sit unread in it makes the kernel
 * answer with a reset, and a reset destroys what the peer had not read yet: the close frame too
 * (a client still sending a too-big message then sees 1006, not 1009). After a violation nothing
 * the peer sends may be processed (RFC 6455 §7.1.7), its answering close frame included, so the
 * connection reads and discards everything and closes TCP once the peer has closed its side (EOF
 * or TLS close_notify, which the owner sees), or once nothing has arrived for the
 * {@linkplain #QUIET_PERIOD quiet period} (the socket then holds nothing unread, the close is a
 * clean FIN), or at the close timeout whatever the peer does (the owner's timer).
 *
 * <p>This is a lingering close, as HTTP servers do it when they refuse a request whose body is
 * still arriving. Used on the channel's event loop only.
 */
final class CloseLinger {
    /**
     * How long the peer must have sent nothing before TCP closes. A peer still sending keeps the
     * bytes coming far more often than that; a peer that read the close frame answers it and stops,
     * and then waits for the server to close TCP first (as RFC 6455 asks of clients, and as
     * Chromium, Python websockets and the Autobahn testsuite do: the latter gives up after half a
     * second and counts it against the server). A longer gap in the middle of a big message
     * (a lost packet's retransmission) can end the wait early; the peer has read the close frame
     * by then unless it reads nothing while it writes.
     */
    static final Duration QUIET_PERIOD = Duration.ofMillis(100);

    private final ChannelHandlerContext ctx;
    private final long quietNanos;
    private long lastInputNanos;
    private ScheduledFuture<?> check;
    private boolean done;

    private CloseLinger(ChannelHandlerContext ctx, Duration closeTimeout) {
        this.ctx = ctx;
        this.quietNanos = Math.min(QUIET_PERIOD.toNanos(), closeTimeout.toNanos());
    }

    /** Starts lingering: reads (auto-read on, whatever the application chose) and waits for quiet. */
    static CloseLinger start(ChannelHandlerContext ctx, Duration closeTimeout) {
        CloseLinger linger = new CloseLinger(ctx, closeTimeout);
        linger.lastInputNanos = linger.now();
        ctx.channel().config().setAutoRead(true);
        ctx.read();
        linger.schedule(linger.quietNanos);
        return linger;
    }

    /** Bytes from the peer arrived (and were discarded below): the quiet period starts again. */
    void inputArrived() {
        lastInputNanos = now();
    }

    /** The connection closed or is closing: no more checks. */
    void cancel() {
        done = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(long delayNanos) {
        check = ctx.executor().schedule(this::checkQuiet, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkQuiet() {
        if (done) {
            return;
        }
        long quietFor = now() - lastInputNanos;
        if (quietFor >= quietNanos) {
            done = true;
            ctx.close();
        } else {
            schedule(quietNanos - quietFor);
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
