package dev.sluice.server;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * One log line per refused or abandoned upgrade, never a stack trace, and at most
 * {@link #BURST} lines in a row plus {@link #LINES_PER_SECOND} a second after that (a token
 * bucket), so that a flood of bad requests cannot flood the log. Lines left out are counted and
 * the count is told on the next line that is written. Shared by all connections of one server;
 * thread-safe.
 */
final class RefusalLog {
    static final int BURST = 20;
    static final int LINES_PER_SECOND = 2;
    private static final long NANOS_PER_LINE = 1_000_000_000L / LINES_PER_SECOND;

    private final Consumer<String> sink;
    private final LongSupplier nanoTime;
    private long tokens = BURST;
    private long lastRefillNanos;
    private long suppressed;

    RefusalLog() {
        this(LoggerFactory.getLogger(ServerUpgradeHandler.class)::info, System::nanoTime);
    }

    /** @param sink receives each line that is written (info level, in a server) */
    RefusalLog(Consumer<String> sink, LongSupplier nanoTime) {
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.lastRefillNanos = nanoTime.getAsLong();
    }

    /** Logs {@code "<remote> <what>"} at info level unless the rate limit says otherwise. */
    void log(Object remote, String what) {
        long left;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long earned = (now - lastRefillNanos) / NANOS_PER_LINE;
            if (earned > 0) {
                tokens = Math.min(BURST, tokens + earned);
                lastRefillNanos += earned * NANOS_PER_LINE;
            }
            if (tokens == 0) {
                suppressed++;
                return;
            }
            tokens--;
            left = suppressed;
            suppressed = 0;
        }
        sink.accept(remote + " " + what + (left == 0 ? "" : " (" + left + " similar lines left out)"));
    }
}
