package dev.sluice.rpc;

import dev.sluice.stream.SluiceStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * The one subscriber of a stream's {@link SluiceStream#reads()}, whose consumer can change as the
 * call proceeds: the marker check first, then the message reader, then (for a raw call) the
 * handler's byte subscriber. Chunks go to the current consumer only while {@code onNext} runs.
 */
final class Inbound implements Flow.Subscriber<ByteBuffer> {
    /** What receives the stream's bytes. */
    interface Consumer {
        void onChunk(ByteBuffer chunk);

        void onEnd();

        void onFailure(Throwable failure);
    }

    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private long demandBeforeSubscribe;
    private boolean cancelledBeforeSubscribe;
    private volatile Consumer consumer;

    Inbound(Consumer first) {
        this.consumer = first;
    }

    void consumer(Consumer next) {
        this.consumer = next;
    }

    /** Asks the stream for {@code n} more chunks. */
    void request(long n) {
        Flow.Subscription s;
        synchronized (lock) {
            s = subscription;
            if (s == null) {
                demandBeforeSubscribe += n;
                return;
            }
        }
        s.request(n);
    }

    /** Stops reading (the stream's reads are cancelled with NO_ERROR unless the caller cancelled with a code first). */
    void cancel() {
        Flow.Subscription s;
        synchronized (lock) {
            s = subscription;
            if (s == null) {
                cancelledBeforeSubscribe = true;
                return;
            }
        }
        s.cancel();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        long demand;
        boolean cancelled;
        synchronized (lock) {
            subscription = s;
            demand = demandBeforeSubscribe;
            cancelled = cancelledBeforeSubscribe;
        }
        if (cancelled) {
            s.cancel();
        } else if (demand > 0) {
            s.request(demand);
        }
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        consumer.onChunk(chunk);
    }

    @Override
    public void onError(Throwable failure) {
        consumer.onFailure(failure);
    }

    @Override
    public void onComplete() {
        consumer.onEnd();
    }
}

