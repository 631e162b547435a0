package dev.sluice.bench.sluice;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A stream reader that takes one chunk per tick, whatever the writer does: the slow consumer. */
final class SlowConsumer implements StreamHandler {
    private final ScheduledExecutorService ticker;
    private final long tickNanos;
    private final AtomicLong consumedBytes = new AtomicLong();
    /** Set once on the first stream's subscription; cancelled by {@link #stop()}. */
    private volatile ScheduledFuture<?> ticks;

    SlowConsumer(ScheduledExecutorService ticker, long tickNanos) {
        this.ticker = ticker;
        this.tickNanos = tickNanos;
    }

    long consumedBytes() {
        return consumedBytes.get();
    }

    void stop() {
        ScheduledFuture<?> t = ticks;
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public void onStream(SluiceStream stream, ConnectionInfo connection) {
        stream.reads().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                ticks = ticker.scheduleAtFixedRate(() -> subscription.request(1), tickNanos, tickNanos,
                        TimeUnit.NANOSECONDS);
            }

            @Override
            public void onNext(ByteBuffer item) {
                consumedBytes.addAndGet(item.remaining());
            }

            @Override
            public void onError(Throwable throwable) {
                stop();
            }

            @Override
            public void onComplete() {
                stop();
            }
        });
    }
}
