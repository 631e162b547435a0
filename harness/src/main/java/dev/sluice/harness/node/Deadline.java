package dev.sluice.harness.node;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** A point in time on the monotonic clock, and waiting for conditions until it. */
public record Deadline(long nanos) {
    /** How often {@link #await} re-checks a condition that nobody signals. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    public boolean passed() {
        return System.nanoTime() - nanos >= 0;
    }

    /** Polls {@code condition} until it holds; throws naming {@code what} when the deadline passes. */
    public void await(String what, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        while (!condition.getAsBoolean()) {
            if (passed()) {
                throw new TimeoutException("timed out waiting for " + what);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
