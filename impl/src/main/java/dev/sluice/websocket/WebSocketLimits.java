package dev.sluice.websocket;

/**
 * Limits the strict WebSocket stages enforce after the upgrade. Every limit has a named default
 * here; {@link #builder()} changes them one by one.
 *
 * @param maxFramePayloadBytes largest payload one frame may announce; a larger announced length
 *                             closes the connection with 1009 before anything is allocated
 * @param maxMessageBytes      largest message (all fragments together); beyond it: 1009
 */
public record WebSocketLimits(int maxFramePayloadBytes, int maxMessageBytes) {
    public static final int DEFAULT_MAX_FRAME_PAYLOAD_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    public static final WebSocketLimits DEFAULTS = builder().build();

    public WebSocketLimits {
        if (maxFramePayloadBytes < 125) {
            throw new IllegalArgumentException("maxFramePayloadBytes must be at least 125 (a control frame), got "
                    + maxFramePayloadBytes);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxFramePayloadBytes(maxFramePayloadBytes).maxMessageBytes(maxMessageBytes);
    }

    /** Builds {@link WebSocketLimits}; starts from the defaults. */
    public static final class Builder {
        private int maxFramePayloadBytes = DEFAULT_MAX_FRAME_PAYLOAD_BYTES;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

        private Builder() {
        }

        public Builder maxFramePayloadBytes(int bytes) {
            this.maxFramePayloadBytes = bytes;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public WebSocketLimits build() {
            return new WebSocketLimits(maxFramePayloadBytes, maxMessageBytes);
        }
    }
}
