package dev.sluice.bench.sluice;

/**
 * What a slow consumer did to a fast producer. {@code limitBytes} = receive window + one data
 * frame: the most a writer that waits for its write futures may ever have outstanding.
 * Heap figures are live heap after a full GC (both ends share this JVM); growth is measured from
 * one third of the run (window already full) to its end, so it shows leaks, not the window.
 */
public record BackPressureResult(
        int windowBytes,
        int frameBytes,
        long limitBytes,
        long peakOutstandingBytes,
        boolean withinLimit,
        long producedBytes,
        long consumedBytes,
        double seconds,
        double consumerBytesPerSecond,
        double producerStallMillis,
        double producerStallFraction,
        long heapAfterGcStart,
        long heapAfterGcThird,
        long heapAfterGcEnd,
        long heapGrowthBytes) {

    public String verdict() {
        return withinLimit
                ? "peak outstanding " + peakOutstandingBytes + " B <= window + one frame (" + limitBytes + " B)"
                : "BACK-PRESSURE VIOLATED: peak outstanding " + peakOutstandingBytes + " B > window + one frame ("
                        + limitBytes + " B)";
    }
}
