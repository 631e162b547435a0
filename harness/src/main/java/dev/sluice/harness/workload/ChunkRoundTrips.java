package dev.sluice.harness.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Round-trip time of every chunk: from the moment its write returned to the moment the last byte
 * of its echo was read. Under packet loss TCP retransmission shows up here as a long tail, which is
 * what the packet scenarios compare with a run without loss. Thread-safe: every stream records.
 */
final class ChunkRoundTrips {
    /** Up to an hour, three significant digits. */
    private final ConcurrentHistogram micros = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);

    void record(long nanos) {
        micros.recordValue(Math.max(0, Math.min(micros.getHighestTrackableValue(), nanos / 1000)));
    }

    /** {@code count}, {@code p50}, {@code p99}, {@code max} in microseconds, for the summary event. */
    Map<String, Object> summary() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", micros.getTotalCount());
        json.put("p50", micros.getValueAtPercentile(50));
        json.put("p99", micros.getValueAtPercentile(99));
        json.put("max", micros.getMaxValue());
        return json;
    }
}
