package dev.sluice.bench.sluice;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.stream.StreamConfig;

/**
 * The stream settings of the Sluice target: the defaults, unless
 * {@code -Dsluice.bench.window=BYTES} or {@code -Dsluice.bench.frame=BYTES} override the receive
 * window or the largest data frame, and {@code -Dsluice.bench.highWatermark=BYTES} the socket
 * write-buffer watermarks (to measure what those defaults cost).
 */
final class BenchStreamConfig {
    static final String WINDOW_PROPERTY = "sluice.bench.window";
    static final String FRAME_PROPERTY = "sluice.bench.frame";
    static final String HIGH_WATERMARK_PROPERTY = "sluice.bench.highWatermark";

    private BenchStreamConfig() {
    }

    /** The connection settings: defaults, unless -Dsluice.bench.highWatermark=BYTES (low = half). */
    static ConnectionConfig connectionFromProperties() {
        ConnectionConfig.Builder builder = ConnectionConfig.builder();
        Integer high = Integer.getInteger(HIGH_WATERMARK_PROPERTY);
        if (high != null) {
            builder.writeBufferWaterMarks(high / 2, high);
        }
        return builder.build();
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
