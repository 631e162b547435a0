package dev.sluice.stream;

import dev.sluice.connection.CloseReasons;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.LocalViolation;
import dev.sluice.connection.ProtocolViolationException;
import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream layer of one connection: the application handler of a WebSocket pipeline (see
 * impl/CONNECTIONS.md). It decodes one stream frame per binary message and routes it to its
 * stream ({@link StreamTable}); streams write through the {@link FrameWriter} they are handed;
 * the {@link InboundBudget} pauses socket reads when readers fall behind. A peer's protocol
 * violation is handed down to the connection owner as a {@link LocalViolation}, whose one
 * violation path closes the connection; the resulting termination event, or any other end of the
 * connection, fails every open stream here ({@link #fail}). All fields are touched only on the
 * channel's event loop, except those of {@link Termination}, {@link LoopExecutor} and the table's
 * open count.
 */
final class StreamMultiplexer extends ChannelDuplexHandler implements StreamSession, StreamContext.AfterStreamClosed {
    private static final Logger log = LoggerFactory.getLogger(StreamMultiplexer.class);

    private final StreamConfig config;
    private final ConnectionInfo info;
    private final StreamTable streams;
    private final FrameWriter writer;
    private final InboundBudget budget;
    private final LoopExecutor loop = new LoopExecutor();
    private final Termination termination = new Termination();
    /** Created on first open: a server's connections mostly only accept streams. Benign race: it holds only final fields. */
    private StreamOpener opener;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> stopDeadline;

    /**
     * @param clientSide true on the client (opens odd ids), false on the server (even ids)
     * @param handler    receives every stream the peer opens
     */
    StreamMultiplexer(StreamConfig config, boolean clientSide, ConnectionInfo info, StreamHandler handler) {
        this.config = config;
        this.info = info;
        this.streams = new StreamTable(config, clientSide, info, handler);
        this.writer = new FrameWriter(config.maxDataFrameBytes(), !clientSide);
        this.budget = new InboundBudget(config.maxBufferedBytesPerConnection(), config.windowGrowthBudget());
        this.streams.attach(new StreamContext(config, writer, budget, loop, termination, streams, this));
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
        return opener().open(config.openTimeout());
    }

    @Override
    public CompletionStage<SluiceStream> openStreamAsync() {
        return opener().openAsync();
    }

    private StreamOpener opener() {
        StreamOpener o = opener;
        if (o == null) {
            o = new StreamOpener(this::openLocal, loop, termination);
            opener = o;
        }
        return o;
    }

    /** Opens a stream on the event loop: next id, then the opening CREDIT with this side's window. */
    private MuxStream openLocal() {
        if (termination.ended()) {
            throw new IllegalStateException("cannot open a stream: " + termination.cause().getMessage(),
                    termination.cause());
        }
        return streams.openLocal(); // refuses while the session is stopping
    }

    @Override
    public CompletionStage<ConnectionException> stopGracefully(Duration deadline) {
        long millis = Math.max(0, deadline.toMillis());
        if (!loop.execute(() -> {
            if (termination.ended() || streams.stopping()) {
                return;
            }
            streams.stop();
            if (streams.isEmpty()) {
                closeConnection(1000, "stopped gracefully");
            } else {
                stopDeadline = ctx.executor().schedule(() -> closeConnection(1000, "graceful stop deadline of "
                        + millis + " ms passed with " + streams.size() + " streams open"), millis, TimeUnit.MILLISECONDS);
            }
        })) {
            termination.future().complete(termination.rejected(loop.attached()));
        }
        return termination.future();
    }

    @Override
    public CompletionStage<ConnectionException> stopNow() {
        if (!loop.execute(() -> closeConnection(1000, "stopped"))) {
            termination.future().complete(termination.rejected(loop.attached()));
        }
        return termination.future();
    }

    @Override
    public CompletionStage<ConnectionException> terminationFuture() {
        return termination.future();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        writer.attach(ctx);
        budget.attach(ctx.channel().config());
        loop.attach(ctx.channel().eventLoop());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        fail(new ConnectionLostException("the stream layer was removed from the pipeline"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (termination.ended()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        writer.startReadBatch();
        if (msg instanceof BinaryWebSocketFrame binary) {
            try {
                // the message's buffer becomes the DATA payload (or is released by the decoder)
                StreamProtocol.decode(binary.content(), streams);
            } catch (StreamProtocolException e) {
                violation(e);
            } catch (RuntimeException e) {
                log.error("internal error handling a stream frame", e);
                closeConnection(1011, "internal error: " + e);
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

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        writer.endReadBatch();
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
            termination.connectionEnded();
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
        if (msg instanceof CloseWebSocketFrame close && !termination.ended()) {
            int code = close.statusCode() == -1 ? 1005 : close.statusCode();
            fail(new ConnectionClosedException(code, close.reasonText(), false));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new ConnectionLostException("the connection closed without a close handshake"));
        termination.connectionEnded();
        ctx.fireChannelInactive();
    }

    /** Bytes buffered for readers across the connection. For tests and metrics; event loop only. */
    long bufferedBytes() {
        return budget.bufferedBytes();
    }

    /** True while socket reads are paused because readers are behind. For tests and metrics. */
    boolean readPaused() {
        return budget.paused();
    }

    /** Runs {@code task} on the event loop (inline when already there); false when the loop is gone. For tests. */
    boolean execute(Runnable task) {
        return loop.execute(task);
    }

    /** A stream closed (event loop): the last one to close ends a graceful stop. */
    @Override
    public void afterStreamClosed() {
        if (streams.stopping() && !termination.ended() && streams.isEmpty()) {
            closeConnection(1000, "stopped gracefully");
        }
    }

    /**
     * The peer broke the stream protocol: the streams fail with the violation now, and the
     * connection owner below closes with its code through its one violation path.
     */
    private void violation(StreamProtocolException e) {
        if (termination.ended()) {
            return;
        }
        fail(new ProtocolViolationException(e.closeCode().code(), e.getMessage(), false));
        ctx.writeAndFlush(new LocalViolation(e.closeCode().code(), e.getMessage()));
    }

    private void closeConnection(int code, String reason) {
        if (termination.ended()) {
            return;
        }
        fail(new ConnectionClosedException(code, reason, false));
        ctx.writeAndFlush(new CloseWebSocketFrame(code, CloseReasons.truncate(reason)));
    }

    /** The one failure path of the streams: every open reader and writer fails with {@code cause}. Idempotent. */
    private void fail(ConnectionException cause) {
        if (!termination.end(cause)) {
            return;
        }
        if (stopDeadline != null) {
            stopDeadline.cancel(false);
        }
        List<MuxStream> open = streams.removeAll();
        writer.stop();
        for (MuxStream s : open) {
            s.failConnection(cause);
        }
        budget.release();
    }
}
