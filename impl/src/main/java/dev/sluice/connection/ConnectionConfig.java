package dev.sluice.connection;

import static dev.sluice.connection.ConfigChecks.nonNegative;
import static dev.sluice.connection.ConfigChecks.positive;

import dev.sluice.websocket.WebSocketLimits;
import java.time.Duration;

/**
 * Limits and timeouts of one established WebSocket connection, the same for server and client.
 * Every default is a named constant here; build with {@link #builder()}.
 */
public final class ConnectionConfig {
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WRITE_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 20;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 << 20;
    public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 32 * 1024;
    public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 64 * 1024;

    private final Duration keepAliveInterval;
    private final Duration keepAliveTimeout;
    private final Duration closeTimeout;
    private final Duration writeStallTimeout;
    private final int maxFrameSize;
    private final int maxMessageSize;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    /** Built once here, shared by every connection (immutable). */
    private final WebSocketLimits webSocketLimits;

    private ConnectionConfig(Builder b) {
        keepAliveInterval = b.keepAliveInterval;
        keepAliveTimeout = b.keepAliveTimeout;
        closeTimeout = b.closeTimeout;
        writeStallTimeout = b.writeStallTimeout;
        maxFrameSize = b.maxFrameSize;
        maxMessageSize = b.maxMessageSize;
        writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        webSocketLimits = WebSocketLimits.builder()
                .maxFramePayloadBytes(maxFrameSize)
                .maxMessageBytes(maxMessageSize)
                .build();
    }

    /** The frame and message limits as the strict frame stages take them. */
    public WebSocketLimits webSocketLimits() {
        return webSocketLimits;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ConnectionConfig defaults() {
        return builder().build();
    }

    /** How often a ping is sent; zero disables pings. */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** How long without any inbound frame before the connection fails; zero disables the check. */
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /** How long to wait for the peer's close frame after sending ours, before closing TCP. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * How long the channel may stay unwritable (above the high water mark) without a break before
     * the connection fails: the peer reads nothing. Zero disables the check.
     */
    public Duration writeStallTimeout() {
        return writeStallTimeout;
    }

    /** Largest payload of a single WebSocket frame; larger frames close the connection with 1009. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Largest aggregated message; larger messages close the connection with 1009. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    public Builder toBuilder() {
        return new Builder().keepAliveInterval(keepAliveInterval).keepAliveTimeout(keepAliveTimeout)
                .closeTimeout(closeTimeout).writeStallTimeout(writeStallTimeout).maxFrameSize(maxFrameSize).maxMessageSize(maxMessageSize)
                .writeBufferWaterMarks(writeBufferLowWaterMark, writeBufferHighWaterMark);
    }

    public static final class Builder {
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private Duration keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration writeStallTimeout = DEFAULT_WRITE_STALL_TIMEOUT;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int writeBufferLowWaterMark = DEFAULT_WRITE_BUFFER_LOW_WATER_MARK;
        private int writeBufferHighWaterMark = DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;

        private Builder() {
        }

        public Builder keepAliveInterval(Duration interval) {
            keepAliveInterval = nonNegative(interval, "keepAliveInterval");
            return this;
        }

        public Builder keepAliveTimeout(Duration timeout) {
            keepAliveTimeout = nonNegative(timeout, "keepAliveTimeout");
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            closeTimeout = nonNegative(timeout, "closeTimeout");
            return this;
        }

        public Builder writeStallTimeout(Duration timeout) {
            writeStallTimeout = nonNegative(timeout, "writeStallTimeout");
            return this;
        }

        public Builder maxFrameSize(int bytes) {
            maxFrameSize = positive(bytes, "maxFrameSize");
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        public Builder writeBufferWaterMarks(int low, int high) {
            positive(low, "writeBufferLowWaterMark");
            if (high < low) {
                throw new IllegalArgumentException("write buffer high water mark " + high + " is below the low one " + low);
            }
            writeBufferLowWaterMark = low;
            writeBufferHighWaterMark = high;
            return this;
        }

        public ConnectionConfig build() {
            if (!keepAliveTimeout.isZero() && !keepAliveInterval.isZero()
                    && keepAliveTimeout.compareTo(keepAliveInterval) <= 0) {
                throw new IllegalArgumentException("keepAliveTimeout (" + keepAliveTimeout.toMillis()
                        + " ms) must be longer than keepAliveInterval (" + keepAliveInterval.toMillis() + " ms)");
            }
            return new ConnectionConfig(this);
        }
    }
}
