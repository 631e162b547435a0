package dev.sluice.stream;

import static dev.sluice.connection.ConfigChecks.positive;

import java.time.Duration;

/**
 * Limits of the stream layer on one connection. Every default is a named constant here.
 */
public final class StreamConfig {
    public static final int DEFAULT_RECEIVE_WINDOW = 256 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 1024;
    /**
     * Each DATA frame is its own WebSocket message, with its own header, pipeline trip and share of a
     * TLS record: 64 KiB frames cost a quarter of the per-frame work of 16 KiB ones for bulk data,
     * and still fit far below the default WebSocket frame and message limits.
     */
    public static final int DEFAULT_MAX_DATA_FRAME_BYTES = 64 * 1024;
    /** 0 means "receive window × max concurrent streams": pause only when every window is full. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES_PER_CONNECTION = 0;
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final int receiveWindow;
    private final int maxConcurrentStreams;
    private final int maxDataFrameBytes;
    private final long maxBufferedBytesPerConnection;
    private final Duration openTimeout;

    private StreamConfig(Builder b) {
        this.receiveWindow = b.receiveWindow;
        this.maxConcurrentStreams = b.maxConcurrentStreams;
        this.maxDataFrameBytes = b.maxDataFrameBytes;
        this.maxBufferedBytesPerConnection = b.maxBufferedBytesPerConnection > 0 ? b.maxBufferedBytesPerConnection
                : (long) b.receiveWindow * b.maxConcurrentStreams;
        this.openTimeout = b.openTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static StreamConfig defaults() {
        return builder().build();
    }

    /** Bytes each stream lets the peer send ahead of the application's reads. */
    public int receiveWindow() {
        return receiveWindow;
    }

    /** Streams the peer may have open at once; an excess open is refused with code REFUSED. */
    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** The largest DATA payload this side puts in one message. */
    public int maxDataFrameBytes() {
        return maxDataFrameBytes;
    }

    /**
     * Bytes buffered for the application across the connection above which socket reads pause
     * (they resume as soon as readers are back within it). The default, the window times the
     * stream limit, is only exceeded when this side's own streams buffer too. A paused connection
     * also stops reading the peer's CREDIT frames, so below the default an application must not
     * make its reads wait for its writes.
     */
    public long maxBufferedBytesPerConnection() {
        return maxBufferedBytesPerConnection;
    }

    /** How long a blocking {@code openStream()} waits for the connection's event loop. */
    public Duration openTimeout() {
        return openTimeout;
    }

    /** Credit is granted back in batches of at least this many consumed bytes. */
    int creditUpdateThreshold() {
        return Math.max(1, receiveWindow / 4);
    }

    public static final class Builder {
        private int receiveWindow = DEFAULT_RECEIVE_WINDOW;
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxDataFrameBytes = DEFAULT_MAX_DATA_FRAME_BYTES;
        private long maxBufferedBytesPerConnection = DEFAULT_MAX_BUFFERED_BYTES_PER_CONNECTION;
        private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;

        private Builder() {
        }

        public Builder receiveWindow(int bytes) {
            this.receiveWindow = positive(bytes, "receiveWindow");
            return this;
        }

        public Builder maxConcurrentStreams(int streams) {
            this.maxConcurrentStreams = positive(streams, "maxConcurrentStreams");
            return this;
        }

        public Builder maxDataFrameBytes(int bytes) {
            this.maxDataFrameBytes = positive(bytes, "maxDataFrameBytes");
            return this;
        }

        public Builder maxBufferedBytesPerConnection(long bytes) {
            this.maxBufferedBytesPerConnection = positive(bytes, "maxBufferedBytesPerConnection");
            return this;
        }

        public Builder openTimeout(Duration timeout) {
            this.openTimeout = positive(timeout, "openTimeout");
            return this;
        }

        public StreamConfig build() {
            return new StreamConfig(this);
        }
    }
}
