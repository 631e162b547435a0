package dev.sluice.bench.load;

/** One open connection to an echo target, as the load generator drives it. */
public interface EchoConnection {
    /**
     * Sends one message of {@code sizeBytes} whose first eight bytes carry {@code intendedNanos}
     * (a {@link System#nanoTime()} value) so the echo can be timed without per-message state.
     * Safe to call from any thread.
     */
    void send(long intendedNanos, int sizeBytes);

    /** Closes the connection; does not wait. */
    void close();
}
