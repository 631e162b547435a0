package dev.sluice.stream;

import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * A blocking reader over a stream's zero-copy reads: bytes are copied once, into the caller's array. It asks for one buffer at a time, so the peer's
 * credit flows only as fast as this stream is read. Its monitor guards every field.
 */
final class StreamInputStream extends InputStream implements Flow.Subscriber<ByteBuf> {
    private final SluiceStream stream;
    private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private boolean ended;
    private Throwable error;
    private boolean closed;

    StreamInputStream(SluiceStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public synchronized void onNext(ByteBuf item) {
        if (closed) {
            item.release();
            return;
        }
        ready.add(item);
        notifyAll();
    }

    @Override
    public synchronized void onError(Throwable t) {
        error = t;
        notifyAll();
    }

    @Override
    public synchronized void onComplete() {
        ended = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuf head = awaitData();
        if (head == null) {
            return -1;
        }
        int n = Math.min(len, head.readableBytes());
        head.readBytes(b, off, n);
        if (!head.isReadable()) {
            ready.poll().release();
            subscription.request(1);
        }
        return n;
    }

    @Override
    public synchronized int available() {
        ByteBuf head = ready.peek();
        return head == null ? 0 : head.readableBytes();
    }

    private ByteBuf awaitData() throws IOException {
        while (true) {
            if (closed) {
                throw new IOException("stream " + stream.id() + ": input stream closed");
            }
            ByteBuf head = ready.peek();
            if (head != null && !head.isReadable()) {
                // an empty DATA frame (legal on the wire) is no byte and no end: skip it
                ready.poll().release();
                subscription.request(1);
                continue;
            }
            if (head != null) {
                return head;
            }
            if (error != null) {
                throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
            }
            if (ended) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading stream " + stream.id());
            }
        }
    }

    /** Cancels reading unless the end was reached. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ByteBuf b;
        while ((b = ready.poll()) != null) {
            b.release();
        }
        notifyAll();
        if (!ended && error == null) {
            stream.cancelRead(StreamProtocol.NO_ERROR);
        }
    }
}
