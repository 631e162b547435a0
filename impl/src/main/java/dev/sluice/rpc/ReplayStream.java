package dev.sluice.rpc;

import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamWriteSubscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A stream whose first bytes were already read by the RPC layer (the marker check, or a raw call's
 * header): its {@link #reads()} delivers those bytes first, then carries on with the stream's own
 * reads. Everything else goes straight to the stream.
 */
final class ReplayStream implements SluiceStream, Inbound.Consumer, Flow.Subscription {
    private final SluiceStream stream;
    private final Inbound inbound;
    private final Object lock = new Object();
    private ByteBuffer pending;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    /** The stream's end (Boolean.TRUE) or failure, held until {@code pending} has been delivered. */
    private Object terminal;
    private boolean done;
    /** A raw call's header line ends with one LF that belongs to the header, not to the bytes after it. */
    private volatile boolean dropLeadingNewline;

    /**
     * @param pending bytes already read, owned by this stream from now on (null when none)
     */
    ReplayStream(SluiceStream stream, Inbound inbound, ByteBuffer pending) {
        this(stream, inbound, pending, false);
    }

    ReplayStream(SluiceStream stream, Inbound inbound, ByteBuffer pending, boolean afterHeaderLine) {
        this.stream = stream;
        this.inbound = inbound;
        this.dropLeadingNewline = afterHeaderLine;
        if (pending != null && afterHeaderLine && pending.hasRemaining()) {
            dropLeadingNewline = false;
            if (pending.get(pending.position()) == '\n') {
                pending.position(pending.position() + 1);
            }
        }
        this.pending = pending != null && pending.hasRemaining() ? pending : null;
        inbound.consumer(this);
    }

    /** The replayed bytes and the rest, wrapped (not copied) as buffers the reader releases. */
    @Override
    public Flow.Publisher<ByteBuf> byteBufReads() {
        return s -> reads().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                s.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                s.onNext(Unpooled.wrappedBuffer(item));
            }

            @Override
            public void onError(Throwable throwable) {
                s.onError(throwable);
            }

            @Override
            public void onComplete() {
                s.onComplete();
            }
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        return stream.write(data);
    }

    @Override
    public boolean isWritable() {
        return stream.isWritable();
    }

    @Override
    public CompletionStage<Void> whenWritable() {
        return stream.whenWritable();
    }

    @Override
    public Flow.Publisher<ByteBuffer> reads() {
        return s -> {
            synchronized (lock) {
                if (subscriber != null) {
                    s.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                        }
                    });
                    s.onError(new IllegalStateException("stream " + stream.id() + " already has a reader"));
                    return;
                }
                subscriber = s;
            }
            s.onSubscribe(this);
            synchronized (lock) {
                if (pending == null && terminal != null) {
                    deliverTerminal();
                }
            }
        };
    }

    @Override
    public void request(long n) {
        long forward = n;
        synchronized (lock) {
            if (done) {
                return;
            }
            if (pending != null) {
                ByteBuffer first = pending;
                pending = null;
                forward = n == Long.MAX_VALUE ? n : n - 1;
                subscriber.onNext(first);
            }
            if (terminal != null) {
                deliverTerminal();
                return;
            }
        }
        if (forward > 0) {
            inbound.request(forward);
        }
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            done = true;
            pending = null;
        }
        inbound.cancel();
    }

    @Override
    public void onChunk(ByteBuffer chunk) {
        if (dropLeadingNewline && chunk.hasRemaining()) {
            dropLeadingNewline = false;
            if (chunk.get(chunk.position()) == '\n') {
                if (chunk.remaining() == 1) {
                    inbound.request(1);
                    return;
                }
                chunk = chunk.duplicate().position(chunk.position() + 1);
            }
        }
        Flow.Subscriber<? super ByteBuffer> s;
        synchronized (lock) {
            s = done ? null : subscriber;
        }
        if (s != null) {
            s.onNext(chunk);
        }
    }

    @Override
    public void onEnd() {
        terminal(Boolean.TRUE);
    }

    @Override
    public void onFailure(Throwable failure) {
        terminal(failure);
    }

    private void terminal(Object signal) {
        synchronized (lock) {
            if (terminal != null || done) {
                return;
            }
            terminal = signal;
            if (subscriber != null && pending == null) {
                deliverTerminal();
            }
        }
    }

    private void deliverTerminal() {
        if (done) {
            return;
        }
        done = true;
        if (terminal instanceof Throwable failure) {
            subscriber.onError(failure);
        } else {
            subscriber.onComplete();
        }
    }

    @Override
    public int id() {
        return stream.id();
    }

    @Override
    public boolean isLocal() {
        return stream.isLocal();
    }

    /** Not available on a replayed stream: read with {@link #reads()}. */
    @Override
    public InputStream inputStream() {
        throw new UnsupportedOperationException("a stream the RPC layer has started reading offers reads() only");
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer data) {
        return stream.write(data);
    }

    @Override
    public OutputStream outputStream() {
        return stream.outputStream();
    }

    @Override
    public StreamWriteSubscriber writeSubscriber() {
        return stream.writeSubscriber();
    }

    @Override
    public CompletionStage<Void> closeWrite() {
        return stream.closeWrite();
    }

    @Override
    public void abortWrite(int code) {
        stream.abortWrite(code);
    }

    @Override
    public void cancelRead(int code) {
        synchronized (lock) {
            done = true;
            pending = null;
        }
        stream.cancelRead(code);
    }

    @Override
    public void close() {
        synchronized (lock) {
            done = true;
            pending = null;
        }
        stream.close();
    }

    @Override
    public long outstandingWriteBytes() {
        return stream.outstandingWriteBytes();
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return stream.closeFuture();
    }
}
