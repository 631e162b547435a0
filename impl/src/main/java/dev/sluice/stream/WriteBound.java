package dev.sluice.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The bound on one stream's written-but-unsent bytes, counted from the moment a write is called
 * (on any thread) until its bytes are handed to the connection or discarded (on the event loop),
 * so that bytes still on their way to the event loop count too. A write is accepted while the
 * count is below the limit (so the count exceeds it by at most one write) and refused otherwise;
 * {@link #whenWritable()} tells a writer when to go on.
 */
final class WriteBound {
    private static final CompletionStage<Void> NOW = CompletableFuture.completedStage(null);
    // Field handles rather than atomic objects: every open stream has a bound, so two fewer objects each.
    private static final VarHandle UNSENT;
    private static final VarHandle WAITER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            UNSENT = lookup.findVarHandle(WriteBound.class, "unsent", long.class);
            WAITER = lookup.findVarHandle(WriteBound.class, "waiter", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long limit;
    private volatile long unsent;
    private volatile CompletableFuture<Void> waiter;

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
            current = unsent;
            if (current >= limit) {
                return false;
            }
        } while (!UNSENT.compareAndSet(this, current, current + bytes));
        return true;
    }

    /** {@code bytes} were sent or discarded. */
    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        if ((long) UNSENT.getAndAdd(this, -bytes) - bytes < limit) {
            CompletableFuture<Void> w = waiter;
            if (w != null && WAITER.compareAndSet(this, w, null)) {
                w.complete(null);
            }
        }
    }

    boolean writable() {
        return unsent < limit;
    }

    long unsent() {
        return unsent;
    }

    /** Completes when a write would be accepted (at once when it would be now). */
    CompletionStage<Void> whenWritable() {
        while (true) {
            if (writable()) {
                return NOW;
            }
            CompletableFuture<Void> w = waiter;
            if (w == null) {
                CompletableFuture<Void> fresh = new CompletableFuture<>();
                if (!WAITER.compareAndSet(this, null, fresh)) {
                    continue;
                }
                w = fresh;
            }
            if (writable() && WAITER.compareAndSet(this, w, null)) {
                w.complete(null);
            }
            return w;
        }
    }
}
