package dev.sluice.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bound on one stream's written-but-unsent bytes, counted from the moment a write is called
 * (on any thread) until its bytes are handed to the connection or discarded (on the event loop),
 * so that bytes still on their way to the event loop count too. A write is accepted while the
 * count is below the limit (so the count exceeds it by at most one write) and refused otherwise;
 * {@link #whenWritable()} tells a writer when to go on.
 */
final class WriteBound {
    private static final CompletionStage<Void> NOW = CompletableFuture.completedStage(null);

    private final long limit;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicReference<CompletableFuture<Void>> waiter = new AtomicReference<>();

    WriteBound(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Counts {@code bytes} as unsent; false (nothing counted) when the bound is already reached. */
    boolean tryAcquire(long bytes) {
        long current;
        do {
            current = unsent.get();
            if (current >= limit) {
                return false;
            }
        } while (!unsent.compareAndSet(current, current + bytes));
        return true;
    }

    /** {@code bytes} were sent or discarded. */
    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        if (unsent.addAndGet(-bytes) < limit) {
            CompletableFuture<Void> w = waiter.get();
            if (w != null && waiter.compareAndSet(w, null)) {
                w.complete(null);
            }
        }
    }

    boolean writable() {
        return unsent.get() < limit;
    }

    long unsent() {
        return unsent.get();
    }

    /** Completes when a write would be accepted (at once when it would be now). */
    CompletionStage<Void> whenWritable() {
        while (true) {
            if (writable()) {
                return NOW;
            }
            CompletableFuture<Void> w = waiter.get();
            if (w == null) {
                CompletableFuture<Void> fresh = new CompletableFuture<>();
                if (!waiter.compareAndSet(null, fresh)) {
                    continue;
                }
                w = fresh;
            }
            if (writable() && waiter.compareAndSet(w, null)) {
                w.complete(null);
            }
            return w;
        }
    }
}
