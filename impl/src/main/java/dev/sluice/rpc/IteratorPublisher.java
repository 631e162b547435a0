package dev.sluice.rpc;

import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher of an iterator's values, produced only as they are requested (so a producer behind an
 * RPC stream runs no further ahead than the stream's credit). One subscriber; {@code next()} runs on
 * whichever thread requested.
 */
public final class IteratorPublisher<T> implements Flow.Publisher<T> {
    private final Iterator<? extends T> values;
    private final AtomicInteger subscribers = new AtomicInteger();

    public IteratorPublisher(Iterator<? extends T> values) {
        this.values = values;
    }

    public static <T> IteratorPublisher<T> of(Iterable<? extends T> values) {
        return new IteratorPublisher<>(values.iterator());
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (subscribers.getAndIncrement() > 0) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("an IteratorPublisher takes one subscriber"));
            return;
        }
        subscriber.onSubscribe(new Emitter<>(values, subscriber));
    }

    private static final class Emitter<T> implements Flow.Subscription {
        private final Iterator<? extends T> values;
        private final Flow.Subscriber<? super T> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;

        Emitter(Iterator<? extends T> values, Flow.Subscriber<? super T> subscriber) {
            this.values = values;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                emit();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emit() {
            try {
                while (!cancelled && !done && demand.get() > 0) {
                    if (!values.hasNext()) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    T value = values.next();
                    if (demand.get() != Long.MAX_VALUE) {
                        demand.decrementAndGet();
                    }
                    subscriber.onNext(value);
                }
                if (!cancelled && !done && !values.hasNext()) {
                    done = true;
                    subscriber.onComplete();
                }
            } catch (RuntimeException e) {
                done = true;
                subscriber.onError(e);
            }
        }
    }
}
