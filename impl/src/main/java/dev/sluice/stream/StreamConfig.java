package dev.sluice.stream;

import static dev.sluice.connection.ConfigChecks.positive;

import java.time.Duration;

/**
 * Limits of the stream layer on one connection. Every default is a named constant here.
 */
public final class StreamConfig {
    /** The window each stream starts with; it grows while its reader keeps up ({@link #maxReceiveWindow()}). */
    public static final int DEFAULT_RECEIVE_WINDOW = 256 * 1024;
    /** One stream's throughput is about window / round trip: 16 MiB covers 1.6 GB/s at 10 ms. */
    public static final int DEFAULT_MAX_RECEIVE_WINDOW = 16 * 1024 * 1024;
    /** How far the windows of one connection's streams may grow beyond their initial windows, together. */
    public static final long DEFAULT_WINDOW_GROWTH_BUDGET = 64L * 1024 * 1024;
    /** Written-but-unsent bytes one stream holds before further writes are refused (OkHttp queues 16 MiB). */
    public static final long DEFAULT_MAX_UNSENT_WRITE_BYTES = 16L * 1024 * 1024;
    /** How long the blocking {@code OutputStream} waits for one buffer to be accepted. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 1024;
    /**
     * Each DATA frame is its own WebSocket message, with its own header, pipeline trip and share of a
     * TLS record: 256 KiB frames cut bulk data into few messages, fit the default WebSocket frame
     * limit (1 MiB) with room to spare, and hold another stream's turn for well under a millisecond
     * on loopback. A write smaller than the credit goes out as one frame whatever this limit.
     */
    public static final int DEFAULT_MAX_DATA_FRAME_BYTES = 256 * 1024;
    /** 0 means "receive window × max concurrent streams": pause only when every window is full. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES_PER_CONNECTION = 0;
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final int receiveWindow;
    private final int maxConcurrentStreams;
    private final int maxDataFrameBytes;
    private final long maxBufferedBytesPerConnection;
    private final Duration openTimeout;
    private final int maxReceiveWindow;
    private final long windowGrowthBudget;
    private final long maxUnsentWriteBytes;
    private final Duration writeTimeout;
    private final StreamHooks hooks;

    private StreamConfig(Builder b) {
        this.receiveWindow = b.receiveWindow;
        this.maxConcurrentStreams = b.maxConcurrentStreams;
        this.maxDataFrameBytes = b.maxDataFrameBytes;
        this.maxBufferedBytesPerConnection = b.maxBufferedBytesPerConnection > 0 ? b.maxBufferedBytesPerConnection
                : (long) b.receiveWindow * b.maxConcurrentStreams;
        this.openTimeout = b.openTimeout;
        this.maxReceiveWindow = Math.max(b.receiveWindow, b.maxReceiveWindow);
        this.windowGrowthBudget = b.windowGrowthBudget;
        this.maxUnsentWriteBytes = b.maxUnsentWriteBytes;
        this.writeTimeout = b.writeTimeout;
        this.hooks = b.hooks;
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

    /** The largest window one stream may grow to while its reader keeps up. */
    public int maxReceiveWindow() {
        return maxReceiveWindow;
    }

    /** How far the windows of one connection's streams may grow beyond their initial size, together. */
    public long windowGrowthBudget() {
        return windowGrowthBudget;
    }

    /**
     * Written-but-unsent bytes one stream holds: a write made while the stream holds this many is
     * refused with {@link WriteBoundExceededException} (see {@link SluiceStream#whenWritable()}).
     */
    public long maxUnsentWriteBytes() {
        return maxUnsentWriteBytes;
    }

    /** How long a blocking {@code outputStream()} write waits for its buffer to be accepted. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** The fault-injection seam; {@link StreamHooks#NONE} unless a test harness sets it. */
    public StreamHooks hooks() {
        return hooks;
    }

    public static final class Builder {
        private int receiveWindow = DEFAULT_RECEIVE_WINDOW;
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxDataFrameBytes = DEFAULT_MAX_DATA_FRAME_BYTES;
        private long maxBufferedBytesPerConnection = DEFAULT_MAX_BUFFERED_BYTES_PER_CONNECTION;
        private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
        private int maxReceiveWindow = DEFAULT_MAX_RECEIVE_WINDOW;
        private long windowGrowthBudget = DEFAULT_WINDOW_GROWTH_BUDGET;
        private long maxUnsentWriteBytes = DEFAULT_MAX_UNSENT_WRITE_BYTES;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private StreamHooks hooks = StreamHooks.NONE;

        private Builder() {
        }

        /** The largest window a stream grows to; set it to the receive window to switch growth off. */
        public Builder maxReceiveWindow(int bytes) {
            this.maxReceiveWindow = positive(bytes, "maxReceiveWindow");
            return this;
        }

        public Builder windowGrowthBudget(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("windowGrowthBudget must be 0 or more: " + bytes);
            }
            this.windowGrowthBudget = bytes;
            return this;
        }

        public Builder maxUnsentWriteBytes(long bytes) {
            this.maxUnsentWriteBytes = positive(bytes, "maxUnsentWriteBytes");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "writeTimeout");
            return this;
        }

        /** A fault-injection seam for test harnesses; never needed in production. */
        public Builder hooks(StreamHooks streamHooks) {
            this.hooks = java.util.Objects.requireNonNull(streamHooks, "hooks");
            return this;
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
