package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages of one stream, delivered as its listener asks for them: a chunk is requested from
 * the stream only when every message decoded so far has been delivered and more are wanted, so a
 * listener that stops asking stops the stream's credit and with it the peer's writer. Holds at most
 * the messages of one chunk.
 *
 * <p>In header mode the reader stops decoding after the first message and keeps a copy of the
 * bytes that followed it in its chunk, for a raw call ({@link #takeLeftover}) or to {@link #resume}.
 */
final class MessageReader implements Inbound.Consumer {
    /** Receives messages (only as requested), then exactly one of end or failure, serially. */
    interface Listener {
        void onMessage(JsonNode message);

        void onEnd();

        void onFailure(Throwable failure);
    }

    private final Inbound inbound;
    private final JsonValueDecoder decoder;
    private final Listener listener;
    private final Queue<JsonNode> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean chunkRequested = new AtomicBoolean();
    private volatile boolean headerMode;
    private volatile boolean paused;
    private volatile boolean upstreamEnded;
    private volatile Throwable failure;
    private volatile boolean finished;
    private ByteBuffer leftover;

    MessageReader(Inbound inbound, RpcLimits limits, boolean headerMode, Listener listener) {
        this.inbound = inbound;
        this.decoder = new JsonValueDecoder(limits);
        this.headerMode = headerMode;
        this.listener = listener;
    }

    void request(long n) {
        if (n <= 0) {
            failure = new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams 3.9)");
        } else {
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        drain();
    }

    /** Delivers nothing more; the caller deals with the stream. */
    void stop() {
        finished = true;
        queue.clear();
    }

    /** True once the end or a failure was delivered, or {@link #stop} was called. */
    boolean finished() {
        return finished;
    }

    /** After the first message in header mode: the bytes that followed it in its chunk (null when none), once. */
    ByteBuffer takeLeftover() {
        ByteBuffer left = leftover;
        leftover = null;
        return left;
    }

    /** Leaves header mode: decodes the bytes that followed the first message, then carries on reading. */
    void resume() {
        headerMode = false;
        paused = false;
        ByteBuffer left = takeLeftover();
        if (left != null) {
            decode(left);
        }
        drain();
    }

    @Override
    public void onChunk(ByteBuffer chunk) {
        decode(chunk);
        chunkRequested.set(false);
        drain();
    }

    private void decode(ByteBuffer chunk) {
        if (failure != null || finished) {
            return;
        }
        try {
            int left = decoder.feed(chunk, message -> {
                queue.add(message);
                if (headerMode) {
                    paused = true;
                    return false;
                }
                return true;
            });
            if (left > 0) {
                ByteBuffer copy = ByteBuffer.allocate(left);
                copy.put(chunk.duplicate().position(chunk.limit() - left)).flip();
                leftover = copy;
            }
        } catch (RpcException e) {
            failure = e;
        }
    }

    @Override
    public void onEnd() {
        if (failure == null && !finished) {
            try {
                decoder.end(message -> {
                    queue.add(message);
                    return true;
                });
            } catch (RpcException e) {
                failure = e;
            }
        }
        upstreamEnded = true;
        drain();
    }

    @Override
    public void onFailure(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drainOnce();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainOnce() {
        if (finished) {
            queue.clear();
            return;
        }
        Throwable failed = failure;
        if (failed != null) {
            finished = true;
            queue.clear();
            listener.onFailure(failed);
            return;
        }
        JsonNode message;
        while (!finished && demand.get() > 0 && (message = queue.poll()) != null) {
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            listener.onMessage(message);
        }
        if (finished || !queue.isEmpty()) {
            return;
        }
        if (upstreamEnded && leftover == null && !paused) {
            finished = true;
            listener.onEnd();
        } else if (!upstreamEnded && !paused && demand.get() > 0 && chunkRequested.compareAndSet(false, true)) {
            inbound.request(1);
        }
    }
}
