package dev.sluice.stream;

import dev.sluice.internal.LateFutures;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A stream of a {@link StreamMultiplexer}: the owner of its two directions. Public methods hop onto
 * the connection's event loop (or run inline when called there); every event, from the
 * application or from the peer, enters through a method here, which then checks whether both
 * directions are finished. All state is touched only on the loop, except the {@link WriteBound}
 * (any thread), the volatile snapshot for {@link #outstandingWriteBytes()} and the close outcome.
 * It is also its reader's {@link Flow.Subscription} (one reader per stream), and it creates its
 * close future only when asked: an idle stream then costs no objects beyond its two directions.
 */
final class MuxStream implements SluiceStream, Flow.Subscription {
    private static final VarHandle CLOSE_FUTURE;
    /** The close outcome of a stream whose directions both finished. */
    private static final Object CLOSED_NORMALLY = new Object();

    static {
        try {
            CLOSE_FUTURE = MethodHandles.lookup().findVarHandle(MuxStream.class, "closeFuture", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id;
    private final boolean local;
    private final StreamContext context;
    private final StreamSender sender;
    private final StreamReceiver receiver;
    private final WriteBound bound;
    /** Created on first use (any thread); completed from {@link #closeOutcome}. */
    private volatile CompletableFuture<Void> closeFuture;
    /**
     * Null while open; then {@link #CLOSED_NORMALLY} (both directions finished) or the connection's
     * failure. Written once on the event loop, read from any thread.
     */
    private volatile Object closeOutcome;
    /** Event loop: both directions finished, or the connection ended (set before anyone hears of it). */
    private boolean closed;
    /** Event loop: queued in the writer's round of streams with something to send. */
    boolean scheduled;
    /** Event loop: opened by the peer beyond the stream limit (or while stopping) and refused. */
    final boolean refused;
    /** Written on the event loop, read by any thread. */
    private volatile long outstandingSnapshot;

    /** @param receiveWindow the window this side grants the peer: 0 for a stream it refuses */
    MuxStream(int id, boolean local, StreamContext context, int receiveWindow) {
        this.id = id;
        this.local = local;
        this.context = context;
        this.refused = receiveWindow == 0;
        StreamConfig config = context.config();
        this.bound = new WriteBound(config.maxUnsentWriteBytes());
        this.sender = new StreamSender(id, context.sink(), config.hooks(), bound);
        this.receiver = new StreamReceiver(id, context.sink(), context.budget(), new ReceiveWindow(receiveWindow,
                refused ? 0 : config.maxReceiveWindow(), context.budget()));
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean isLocal() {
        return local;
    }

    // ---- the application's side (any thread)

    @Override
    public Flow.Publisher<ByteBuf> byteBufReads() {
        return subscriber -> {
            if (!context.loop().execute(() -> {
                receiver.subscribe(subscriber, this);
                afterEvent();
            })) {
                subscriber.onSubscribe(StreamReceiver.NoSubscription.INSTANCE);
                subscriber.onError(context.rejectedCause());
            }
        };
    }

    /** The reader's demand (Flow.Subscription, handed only to the stream's one accepted reader). */
    @Override
    public void request(long n) {
        if (context.loop().inLoop()) {
            // the usual case, from onNext: no task, no lambda
            requestOnLoop(n);
        } else {
            onLoop(() -> requestOnLoop(n));
        }
    }

    /** The reader gives up (Flow.Subscription): the peer is asked to stop sending. */
    @Override
    public void cancel() {
        onLoop(() -> {
            receiver.cancelFromReader(StreamProtocol.NO_ERROR);
            afterEvent();
        });
    }

    @Override
    public Flow.Publisher<ByteBuffer> reads() {
        return subscriber -> byteBufReads().subscribe(new CopyingReader(subscriber));
    }

    @Override
    public InputStream inputStream() {
        StreamInputStream in = new StreamInputStream(this);
        byteBufReads().subscribe(in);
        return in;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer data) {
        return write(Unpooled.wrappedBuffer(data.slice()));
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        int n = data.readableBytes();
        if (!bound.tryAcquire(n)) {
            data.release();
            return CompletableFuture.failedStage(new WriteBoundExceededException(id, bound.unsent(), bound.limit()));
        }
        if (context.loop().inLoop()) {
            // no future, task or lambda when the data goes out at once
            StreamSender.Written written = writeOnLoop(data);
            return switch (written) {
                case SENT -> WRITTEN;
                case REFUSED -> CompletableFuture.failedStage(sender.writeFailure());
                case QUEUED, QUEUED_FOR_TURN -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    sender.completeWhenSent(done);
                    yield done;
                }
            };
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!context.loop().execute(() -> {
            switch (writeOnLoop(data)) {
                case SENT -> done.complete(null);
                case REFUSED -> done.completeExceptionally(sender.writeFailure());
                default -> sender.completeWhenSent(done);
            }
        })) {
            bound.release(n);
            data.release();
            done.completeExceptionally(context.rejectedCause());
        }
        return done;
    }

    @Override
    public boolean isWritable() {
        return bound.writable();
    }

    @Override
    public CompletionStage<Void> whenWritable() {
        return bound.whenWritable();
    }

    @Override
    public OutputStream outputStream() {
        return new StreamOutputStream(this, context.config().maxDataFrameBytes(), context.config().writeTimeout());
    }

    @Override
    public StreamWriteSubscriber writeSubscriber() {
        return new StreamWriteSubscriber(this);
    }

    @Override
    public CompletionStage<Void> closeWrite() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            if (sender.closeWrite()) {
                context.sink().requestTurn(this);
            }
            sender.finWritten().whenComplete((v, e) -> {
                if (e == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(e);
                }
            });
            afterEvent();
        }, done);
        return done;
    }

    @Override
    public void abortWrite(int code) {
        onLoop(() -> {
            sender.abort(code, new StreamResetException(id, code, false));
            afterEvent();
        });
    }

    @Override
    public void cancelRead(int code) {
        onLoop(() -> {
            receiver.cancel(code);
            afterEvent();
        });
    }

    @Override
    public void close() {
        onLoop(() -> {
            if (sender.closeWrite()) {
                context.sink().requestTurn(this);
            }
            receiver.cancel(StreamProtocol.NO_ERROR);
            afterEvent();
        });
    }

    @Override
    public long outstandingWriteBytes() {
        return outstandingSnapshot;
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        CompletableFuture<Void> f = LateFutures.getOrCreate(this, CLOSE_FUTURE);
        // the stream may have closed before the future existed (or raced its creation)
        completeClose(f, closeOutcome);
        return f;
    }

    private static void completeClose(CompletableFuture<Void> f, Object outcome) {
        if (outcome == CLOSED_NORMALLY) {
            f.complete(null);
        } else if (outcome instanceof Throwable failure) {
            f.completeExceptionally(failure);
        }
    }

    /** Event loop, once: the stream is closed with {@code outcome}. */
    private void closeWith(Object outcome) {
        closeOutcome = outcome;
        CompletableFuture<Void> f = closeFuture;
        if (f != null) {
            completeClose(f, outcome);
        }
    }

    // ---- event loop

    private StreamSender.Written writeOnLoop(ByteBuf data) {
        StreamSender.Written written = sender.write(data, context.config().maxDataFrameBytes());
        if (written == StreamSender.Written.QUEUED_FOR_TURN) {
            context.sink().requestTurn(this);
        }
        afterEvent();
        return written;
    }

    private void requestOnLoop(long n) {
        receiver.request(n);
        afterEvent();
    }

    /** A sending turn: at most one frame. @return true when the stream can send more right away */
    boolean sendTurn(int maxFrameBytes) {
        boolean more = sender.sendOne(maxFrameBytes);
        afterEvent();
        return more;
    }

    void onData(ByteBuf payload) throws StreamProtocolException {
        receiver.onData(payload);
        afterEvent();
    }

    void onCredit(int increment) throws StreamProtocolException {
        if (sender.onCredit(increment)) {
            context.sink().requestTurn(this);
        }
        afterEvent();
    }

    void onFin() throws StreamProtocolException {
        receiver.onFin();
        afterEvent();
    }

    void onReset(int code) throws StreamProtocolException {
        receiver.onReset(code);
        afterEvent();
    }

    void onStop(int code) {
        sender.onStop(code);
        afterEvent();
    }

    /** Ends both directions with {@code code} (a refused stream, or a handler that threw). */
    void abortBothWays(int code) {
        sender.abort(code, new StreamResetException(id, code, false));
        receiver.cancel(code);
        afterEvent();
    }

    /** The connection ended: fail both directions and every pending operation. */
    void failConnection(Throwable cause) {
        sender.failConnection(cause);
        receiver.failConnection(cause);
        publishOutstanding();
        if (!closed) {
            closed = true;
            receiver.release();
            closeWith(cause);
        }
    }

    /** Forgets the stream without ending its reader (a deliberate defect's seam; see StreamHooks). */
    void forget() {
        context.streamClosed(this);
    }

    long receiveBuffered() {
        return receiver.buffered();
    }

    int receiveWindow() {
        return receiver.window();
    }

    private void afterEvent() {
        publishOutstanding();
        if (!closed && sender.state().isTerminal() && receiver.state().isTerminal()) {
            closed = true;
            receiver.release();
            context.streamClosed(this);
            closeWith(CLOSED_NORMALLY);
        }
    }

    private void publishOutstanding() {
        outstandingSnapshot = sender.outstandingBytes();
    }

    private void onLoop(Runnable task) {
        context.loop().execute(task);
    }

    private void onLoop(Runnable task, CompletableFuture<?> orFail) {
        if (!context.loop().execute(task)) {
            orFail.completeExceptionally(context.rejectedCause());
        }
    }

    @Override
    public String toString() {
        return "stream " + id + " (" + (local ? "local" : "peer") + ", send " + sender.state() + ", recv "
                + receiver.state() + ")";
    }
}
