package dev.sluice.rpc;

/** What one side accepts from its peer per message; a message over a limit is a -32700 parse error. */
public final class RpcLimits {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final int maxMessageBytes;
    private final int maxDepth;

    private RpcLimits(Builder b) {
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxDepth = b.maxDepth;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RpcLimits defaults() {
        return builder().build();
    }

    /** The largest message, in bytes of JSON text (whitespace around it not counted). */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The deepest nesting of objects and arrays in a message. */
    public int maxDepth() {
        return maxDepth;
    }

    public static final class Builder {
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        public Builder maxMessageBytes(int bytes) {
            if (bytes < 16) {
                throw new IllegalArgumentException("maxMessageBytes must be at least 16, got " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder maxDepth(int depth) {
            if (depth < 2) {
                throw new IllegalArgumentException("maxDepth must be at least 2 (a request object holding params), got " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        public RpcLimits build() {
            return new RpcLimits(this);
        }
    }
}
