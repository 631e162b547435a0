package dev.sluice.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A reader with a chosen speed: it requests {@code batch} buffers at a time and, when
 * {@code delayMicros} is positive, waits that long (on a scheduler, never blocking the event
 * loop) before asking for the next batch. Hands each buffer to {@code sink}.
 */
final class PacedReader implements Flow.Subscriber<ByteBuffer> {
    final CompletableFuture<Long> done = new CompletableFuture<>();
    private final int batch;
    private final long delayMicros;
    private final ScheduledExecutorService clock;
    private final Consumer<ByteBuffer> sink;
    private Flow.Subscription subscription;
    private int leftInBatch;
    private long bytes;

    PacedReader(int batch, long delayMicros, ScheduledExecutorService clock, Consumer<ByteBuffer> sink) {
        this.batch = batch;
        this.delayMicros = delayMicros;
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        leftInBatch = batch;
        s.request(batch);
    }

    @Override
    public void onNext(ByteBuffer item) {
        bytes += item.remaining();
        sink.accept(item);
        if (--leftInBatch == 0) {
            leftInBatch = batch;
            if (delayMicros > 0) {
                clock.schedule(() -> subscription.request(batch), delayMicros, TimeUnit.MICROSECONDS);
            } else {
                subscription.request(batch);
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(bytes);
    }
}
