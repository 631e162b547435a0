package dev.sluice.connection;

import dev.sluice.internal.LateFutures;
import dev.sluice.websocket.CloseCodes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * An established Sluice WebSocket connection, on either side. Its state lives in the pipeline
 * (on the channel's event loop); this object only hands out views and starts a close. The
 * terminated future is created only when someone asks for it: a server holds many idle
 * connections, and its own bookkeeping hears of the end through the {@link ConnectionObserver}.
 */
public final class SluiceConnection {
    private static final VarHandle TERMINATED;

    static {
        try {
            TERMINATED = MethodHandles.lookup().findVarHandle(SluiceConnection.class, "terminated",
                    CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel channel;
    private final ConnectionInfo info;
    private final ChannelHandler applicationHandler;
    private final ConnectionObserver observer;
    /** Why it ended; set once on the event loop. */
    private volatile ConnectionException cause;
    /** Created on first use (from any thread); completed with {@link #cause} once that is set. */
    private volatile CompletableFuture<ConnectionException> terminated;

    /** A connection nobody but its own future observes (clients, tests). */
    SluiceConnection(Channel channel, ConnectionInfo info, ChannelHandler applicationHandler) {
        this(channel, info, applicationHandler, ConnectionObserver.NONE);
    }

    SluiceConnection(Channel channel, ConnectionInfo info, ChannelHandler applicationHandler,
                     ConnectionObserver observer) {
        this.channel = channel;
        this.info = info;
        this.applicationHandler = applicationHandler;
        this.observer = observer;
    }

    public ConnectionInfo info() {
        return info;
    }

    public Channel channel() {
        return channel;
    }

    /** The handler the {@link ApplicationHandlerFactory} returned for this connection. */
    public ChannelHandler applicationHandler() {
        return applicationHandler;
    }

    /**
     * Starts the close handshake: sends a close frame with {@code code} and {@code reason}, waits
     * for the peer's close frame up to the close timeout, then closes TCP. Safe to call more than
     * once; only the first call sends a close frame. A reason longer than a control frame allows
     * (123 bytes of UTF-8) is cut to fit.
     *
     * @return {@link #terminated()}
     */
    public CompletableFuture<ConnectionException> close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("not a close code an endpoint may send: " + code);
        }
        String wireReason = CloseReasons.truncate(reason);
        try {
            channel.eventLoop().execute(() -> {
                if (channel.isActive()) {
                    channel.writeAndFlush(new CloseWebSocketFrame(code, wireReason));
                }
            });
        } catch (RejectedExecutionException e) {
            // the event loop shut down (its client or server was closed) and closed the channel with it
        }
        return terminated();
    }

    /** Closes TCP at once, without a close handshake (the peer sees a lost connection). */
    public ChannelFuture abort() {
        return channel.close();
    }

    /** Completes with why the connection ended, exactly once, when it ends; never completes exceptionally. */
    public CompletableFuture<ConnectionException> terminated() {
        CompletableFuture<ConnectionException> f = LateFutures.getOrCreate(this, TERMINATED);
        // the cause may have been set before the future existed: completing twice is harmless
        ConnectionException why = cause;
        if (why != null) {
            f.complete(why);
        }
        return f;
    }

    /** Completes when the TCP connection is closed. */
    public ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    public boolean isOpen() {
        return channel.isActive() && cause == null;
    }

    /** Event loop, once: records why the connection ended and tells whoever waits for it. */
    void markTerminated(ConnectionException why) {
        cause = why;
        CompletableFuture<ConnectionException> f = terminated;
        if (f != null) {
            f.complete(why);
        }
        observer.terminated(this, why);
    }

    @Override
    public String toString() {
        return "SluiceConnection[" + info.remoteAddress() + " " + info.peerNodeId().map(Object::toString).orElse("-") + "]";
    }
}
