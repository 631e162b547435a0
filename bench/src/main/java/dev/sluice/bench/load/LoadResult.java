package dev.sluice.bench.load;

/**
 * The figures of one load run. Latencies are in microseconds; in open loop they are measured from
 * each message's intended send time, so a stalled target (or a late sender) counts in full
 * (no coordinated omission). CPU is process CPU time over the measurement window ÷ messages.
 */
public record LoadResult(
        String mode,
        int connections,
        int messageBytes,
        long messages,
        double seconds,
        double messagesPerSecond,
        double payloadBytesPerSecond,
        double p50Micros,
        double p90Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros,
        double clientCpuNanosPerMessage,
        double serverCpuNanosPerMessage,
        long unanswered,
        long errors) {
}
