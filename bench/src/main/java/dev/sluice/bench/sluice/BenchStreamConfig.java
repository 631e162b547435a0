package dev.sluice.bench.sluice;

import dev.sluice.stream.StreamConfig;

/**
 * The stream settings of the Sluice target: the defaults, unless
 * {@code -Dsluice.bench.window=BYTES} or {@code -Dsluice.bench.frame=BYTES} override the receive
 * window or the largest data frame (to measure what those defaults cost).
 */
final class BenchStreamConfig {
    static final String WINDOW_PROPERTY = "sluice.bench.window";
    static final String FRAME_PROPERTY = "sluice.bench.frame";

    private BenchStreamConfig() {
    }

    static StreamConfig fromProperties() {
        StreamConfig.Builder builder = StreamConfig.builder();
        Integer window = Integer.getInteger(WINDOW_PROPERTY);
        if (window != null) {
            builder.receiveWindow(window);
        }
        Integer frame = Integer.getInteger(FRAME_PROPERTY);
        if (frame != null) {
            builder.maxDataFrameBytes(frame);
        }
        return builder.build();
    }
}
