package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackPressureTest {
    private static final int WINDOW = 64 * 1024;
    private static final int FRAME = 16 * 1024;
    private static final int TOTAL = 1024 * 1024;
    /** The consumer takes one frame per tick: 1.6 MB/s, a tenth or less of what the producer manages. */
    private static final long CONSUMER_TICK_MILLIS = 10;

    private final ScheduledExecutorService consumerClock = Executors.newSingleThreadScheduledExecutor();
    private LocalMuxPair pair;

    @AfterEach
    void tearDown() {
        consumerClock.shutdownNow();
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void slowConsumerBoundsTheWritersOutstandingBytesToOneWindowPlusOneFrame() throws Exception {
        StreamConfig config = StreamConfig.builder().receiveWindow(WINDOW).maxDataFrameBytes(FRAME).build();
        CompletableFuture<Long> consumed = new CompletableFuture<>();
        pair = new LocalMuxPair(config, config, (s, info) -> s.reads().subscribe(new SlowReader(consumed)),
                StreamHandler.CANCEL_ALL);
        SluiceStream s = pair.client.openStream();
        AtomicLong maxOutstanding = new AtomicLong();
        long start = System.nanoTime();
        byte[] chunk = new byte[FRAME];
        for (int sent = 0; sent < TOTAL; sent += FRAME) {
            CompletableFuture<Void> accepted = s.write(ByteBuffer.wrap(chunk)).toCompletableFuture();
            maxOutstanding.accumulateAndGet(s.outstandingWriteBytes(), Math::max);
            accepted.get(10, TimeUnit.SECONDS);
            maxOutstanding.accumulateAndGet(s.outstandingWriteBytes(), Math::max);
        }
        long producerMillis = (System.nanoTime() - start) / 1_000_000;
        s.closeWrite().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(consumed.get(30, TimeUnit.SECONDS)).isEqualTo(TOTAL);

        assertThat(maxOutstanding.get()).as("writer's outstanding bytes").isLessThanOrEqualTo(WINDOW + FRAME)
                .isGreaterThanOrEqualTo(WINDOW / 2);
        long consumerMinimumMillis = (TOTAL - WINDOW) / FRAME * CONSUMER_TICK_MILLIS;
        assertThat(producerMillis).as("the producer was held to the consumer's pace")
                .isGreaterThanOrEqualTo(consumerMinimumMillis * 8 / 10);
    }

    /** Requests one buffer per tick. */
    private final class SlowReader implements Flow.Subscriber<ByteBuffer> {
        private final CompletableFuture<Long> done;
        private long bytes;
        private Flow.Subscription subscription;

        SlowReader(CompletableFuture<Long> done) {
            this.done = done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            bytes += item.remaining();
            consumerClock.schedule(() -> subscription.request(1), CONSUMER_TICK_MILLIS, TimeUnit.MILLISECONDS);
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
}
