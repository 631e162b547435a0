package dev.sluice.stream;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.LocalViolation;
import dev.sluice.connection.ProtocolViolationException;
import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream layer of one connection: the application handler of a WebSocket pipeline (see
 * impl/CONNECTIONS.md). It decodes one stream frame per binary message, routes it to its stream, sends
 * the streams' frames in turns (one frame per stream per turn, only while the channel is
 * writable), pauses socket reads when too many bytes wait for the application, and is the single
 * failure path of the connection's streams. All fields are touched only on the channel's event
 * loop, except the volatile ones.
 */
public final class StreamMultiplexer extends ChannelDuplexHandler implements StreamSession {
    private static final Logger log = LoggerFactory.getLogger(StreamMultiplexer.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final StreamConfig config;
    private final ConnectionInfo info;
    private final StreamTable streams;
    private final StreamOpener opener = new StreamOpener(this);
    private final CompletableFuture<ConnectionException> termination = new CompletableFuture<>();
    private ChannelHandlerContext ctx;
    private volatile EventLoop loop;
    private FrameWriter writer;
    private long bufferedBytes;
    private boolean readPaused;
    private boolean stopping;
    private ScheduledFuture<?> stopDeadline;
    /** Why the connection's streams failed; set once by {@link #fail}. Written on the loop only. */
    private volatile ConnectionException failure;

    /**
     * @param clientSide true on the client (opens odd ids), false on the server (even ids)
     * @param handler    receives every stream the peer opens
     */
    public StreamMultiplexer(StreamConfig config, boolean clientSide, ConnectionInfo info, StreamHandler handler) {
        this.config = config;
        this.info = info;
        this.streams = new StreamTable(this, config, clientSide, info, handler);
    }

    StreamConfig config() {
        return config;
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return info;
    }

    @Override
    public int openStreamCount() {
        return streams.openCount();
    }

    @Override
    public SluiceStream openStream() {
        return opener.open(loop, config.openTimeout());
    }

    @Override
    public CompletionStage<SluiceStream> openStreamAsync() {
        return opener.openAsync();
    }

    /** Opens a stream on the event loop: next id, then the opening CREDIT with this side's window. */
    MuxStream openLocal() {
        if (failure != null) {
            throw new IllegalStateException("cannot open a stream: " + failure.getMessage(), failure);
        }
        if (stopping) {
            throw new IllegalStateException("cannot open a stream: the session is stopping");
        }
        return streams.openLocal();
    }

    @Override
    public CompletionStage<ConnectionException> stopGracefully(Duration deadline) {
        long millis = Math.max(0, deadline.toMillis());
        if (!execute(() -> {
            if (failure != null || stopping) {
                return;
            }
            stopping = true;
            if (streams.isEmpty()) {
                closeConnection(1000, "stopped gracefully");
            } else {
                stopDeadline = ctx.executor().schedule(() -> closeConnection(1000, "graceful stop deadline of "
                        + millis + " ms passed with " + streams.size() + " streams open"), millis, TimeUnit.MILLISECONDS);
            }
        })) {
            termination.complete(rejectedCause());
        }
        return termination;
    }

    @Override
    public CompletionStage<ConnectionException> stopNow() {
        if (!execute(() -> closeConnection(1000, "stopped"))) {
            termination.complete(rejectedCause());
        }
        return termination;
    }

    @Override
    public CompletionStage<ConnectionException> terminationFuture() {
        return termination;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.writer = new FrameWriter(ctx, config.maxDataFrameBytes());
        this.loop = ctx.channel().eventLoop();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        fail(new ConnectionLostException("the stream layer was removed from the pipeline"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failure != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof BinaryWebSocketFrame binary) {
            try {
                dispatch(binary.content());
            } finally {
                binary.release();
            }
        } else if (msg instanceof TextWebSocketFrame text) {
            int length = text.content().readableBytes();
            text.release();
            violation(new StreamProtocolException(StreamCloseCode.TEXT_MESSAGE, "text message of " + length
                    + " bytes; " + StreamProtocol.SUBPROTOCOL + " carries stream frames in binary messages only"));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void dispatch(ByteBuf message) {
        StreamFrame frame = null;
        try {
            frame = StreamProtocol.decode(message);
            streams.dispatch(frame, stopping);
        } catch (StreamProtocolException e) {
            violation(e);
        } catch (RuntimeException e) {
            log.error("internal error handling {}", frame, e);
            closeConnection(1011, "internal error: " + e);
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        writer.drain();
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writer.drain();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ConnectionTerminated terminated) {
            fail(terminated.cause());
            termination.complete(failure);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * A close frame written from outside (SluiceConnection#close, a server stop) ends the streams
     * now: the connection layer drops every frame written after it, so a write accepted later
     * would be lost without an error.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame close && failure == null) {
            int code = close.statusCode() == -1 ? 1005 : close.statusCode();
            fail(new ConnectionClosedException(code, close.reasonText(), false));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new ConnectionLostException("the connection closed without a close handshake"));
        termination.complete(failure);
        ctx.fireChannelInactive();
    }

    void scheduleSend(MuxStream s) {
        if (writer != null) {
            writer.schedule(s);
        }
    }

    void writeControl(StreamFrame frame) {
        writer.writeControl(frame);
    }

    void writeData(int streamId, ByteBuffer src, int n) {
        writer.writeData(streamId, src, n);
    }

    /**
     * Bytes buffered for readers changed by {@code delta}; pauses socket reads while they exceed
     * the limit. Reaching it is not enough: at the default, every window full is ordinary
     * back-pressure, and a paused socket would also hold back the CREDIT frames that the
     * readers' own writes may be waiting for. Reads resume as soon as readers are back within
     * the limit: the stream being read may need the socket to move on while the others keep
     * their windows full, so waiting for more (say half the limit) could stall it for good.
     */
    void onBuffered(long delta) {
        bufferedBytes += delta;
        if (!readPaused && bufferedBytes > config.maxBufferedBytesPerConnection() && failure == null) {
            readPaused = true;
            ctx.channel().config().setAutoRead(false);
        } else if (readPaused && bufferedBytes <= config.maxBufferedBytesPerConnection()) {
            readPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Bytes buffered for readers across the connection. For tests and metrics; event loop only. */
    long bufferedBytes() {
        return bufferedBytes;
    }

    /** True while socket reads are paused because readers are behind. For tests and metrics. */
    boolean readPaused() {
        return readPaused;
    }

    void onStreamClosed(MuxStream s) {
        if (failure != null) {
            return;
        }
        streams.remove(s);
        if (stopping && streams.isEmpty()) {
            closeConnection(1000, "stopped gracefully");
        }
    }

    /**
     * The peer broke the stream protocol: the connection owner below closes with the violation's
     * code through its one violation path, and its termination event fails every stream here.
     */
    private void violation(StreamProtocolException e) {
        if (failure != null) {
            return;
        }
        fail(new ProtocolViolationException(e.closeCode().code(), e.getMessage(), false));
        ctx.writeAndFlush(new LocalViolation(e.closeCode().code(), e.getMessage()));
    }

    private void closeConnection(int code, String reason) {
        if (failure != null) {
            return;
        }
        fail(new ConnectionClosedException(code, reason, false));
        ctx.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason)));
    }

    /** The one failure path: every open stream's reader and writer fails with {@code cause}. Idempotent. */
    private void fail(ConnectionException cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        if (stopDeadline != null) {
            stopDeadline.cancel(false);
        }
        List<MuxStream> open = streams.removeAll();
        if (writer != null) {
            writer.stop();
        }
        for (MuxStream s : open) {
            s.failConnection(cause);
        }
        if (readPaused && ctx != null) {
            readPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Runs {@code task} on the event loop (inline when already there); false when the loop is gone. */
    boolean execute(Runnable task) {
        EventLoop l = loop;
        if (l == null) {
            return false;
        }
        if (l.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            l.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    ConnectionException rejectedCause() {
        ConnectionException f = failure;
        return f != null ? f : new ConnectionLostException(loop == null
                ? "the stream layer is not attached to a connection yet" : "the connection's event loop has shut down");
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_CLOSE_REASON_BYTES ? reason : reason.substring(0, MAX_CLOSE_REASON_BYTES - 3) + "...";
    }
}
