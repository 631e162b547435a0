package dev.sluice.stream;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A stream of a {@link StreamMultiplexer}. Public methods hop onto the connection's event loop;
 * all state ({@link #sender}, {@link #receiver} and the flags below) is touched only there, except
 * the volatile snapshot for {@link #outstandingWriteBytes()}.
 */
final class MuxStream implements SluiceStream {
    private final int id;
    private final boolean local;
    private final StreamMultiplexer mux;
    final StreamSender sender;
    final StreamReceiver receiver;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    /** Event loop: queued in the multiplexer's round-robin of streams with something to send. */
    boolean scheduled;
    /** Event loop: opened by the peer beyond the stream limit (or while stopping) and refused. */
    boolean refused;
    /** Event loop: both directions finished, or the connection ended. */
    private boolean closed;
    /** Written on the event loop, read by any thread. */
    private volatile long outstandingSnapshot;

    MuxStream(int id, boolean local, StreamMultiplexer mux, StreamConfig config) {
        this.id = id;
        this.local = local;
        this.mux = mux;
        this.sender = new StreamSender(this);
        this.receiver = new StreamReceiver(this, config.receiveWindow(), config.creditUpdateThreshold());
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean isLocal() {
        return local;
    }

    StreamMultiplexer mux() {
        return mux;
    }

    @Override
    public Flow.Publisher<ByteBuffer> reads() {
        return subscriber -> {
            if (!mux.execute(() -> receiver.subscribe(subscriber))) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(mux.rejectedCause());
            }
        };
    }

    @Override
    public InputStream inputStream() {
        StreamInputStream in = new StreamInputStream(this);
        reads().subscribe(in);
        return in;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ByteBuffer view = data.slice();
        onLoop(() -> sender.write(view, done), done);
        return done;
    }

    @Override
    public OutputStream outputStream() {
        return new StreamOutputStream(this, mux.config().maxDataFrameBytes());
    }

    @Override
    public StreamWriteSubscriber writeSubscriber() {
        return new StreamWriteSubscriber(this);
    }

    @Override
    public CompletionStage<Void> closeWrite() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> sender.closeWrite().whenComplete((v, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        }), done);
        return done;
    }

    @Override
    public void abortWrite(int code) {
        onLoop(() -> sender.abort(code, new StreamResetException(id, code, false)));
    }

    @Override
    public void cancelRead(int code) {
        onLoop(() -> receiver.cancel(code));
    }

    @Override
    public void close() {
        onLoop(() -> {
            sender.closeWrite();
            receiver.cancel(dev.sluice.protocol.StreamProtocol.NO_ERROR);
        });
    }

    @Override
    public long outstandingWriteBytes() {
        return outstandingSnapshot;
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closeFuture;
    }

    /** Runs {@code task} on the event loop; {@code orFail} fails if the loop rejects it. */
    void onLoop(Runnable task, CompletableFuture<?> orFail) {
        if (!mux.execute(task) && orFail != null) {
            orFail.completeExceptionally(mux.rejectedCause());
        }
    }

    void onLoop(Runnable task) {
        onLoop(task, null);
    }

    void sendable() {
        mux.scheduleSend(this);
    }

    void publishOutstanding() {
        outstandingSnapshot = sender.outstandingBytes();
    }

    /** Closes the stream once both directions reached a terminal state. */
    void maybeClosed() {
        if (!closed && sender.state().isTerminal() && receiver.state().isTerminal()) {
            closed = true;
            mux.onStreamClosed(this);
            closeFuture.complete(null);
        }
    }

    /** The connection ended: fail both directions and every pending operation. */
    void failConnection(Throwable cause) {
        sender.failConnection(cause);
        receiver.failConnection(cause);
        if (!closed) {
            closed = true;
            closeFuture.completeExceptionally(cause);
        }
    }

    @Override
    public String toString() {
        return "stream " + id + " (" + (local ? "local" : "peer") + ", send " + sender.state() + ", recv "
                + receiver.state() + ")";
    }
}
