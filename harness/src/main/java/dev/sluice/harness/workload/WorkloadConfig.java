package dev.sluice.harness.workload;

import java.time.Duration;

/** The echo workload's knobs; every default is named here. */
public final class WorkloadConfig {
    public static final int DEFAULT_STREAMS = 16;
    public static final long DEFAULT_BYTES = 256 * 1024;
    public static final int DEFAULT_CONNECTIONS = 1;
    public static final long DEFAULT_SEED = 1;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(100);
    /** More streams than this would need more threads than a small CI machine should start. */
    public static final int MAX_STREAMS = 2000;

    private final int streams;
    private final long bytesPerStream;
    private final int connections;
    private final long seed;
    private final int chunkSize;
    private final Duration deadline;
    private final Duration progressInterval;
    private final Duration midStreamPause;
    private final Duration readDelay;
    private final int abortEvery;

    private WorkloadConfig(Builder b) {
        this.streams = b.streams;
        this.bytesPerStream = b.bytesPerStream;
        this.connections = b.connections;
        this.seed = b.seed;
        this.chunkSize = b.chunkSize;
        this.deadline = b.deadline;
        this.progressInterval = b.progressInterval;
        this.midStreamPause = b.midStreamPause;
        this.readDelay = b.readDelay;
        this.abortEvery = b.abortEvery;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int streams() {
        return streams;
    }

    public long bytesPerStream() {
        return bytesPerStream;
    }

    public int connections() {
        return connections;
    }

    public long seed() {
        return seed;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public Duration deadline() {
        return deadline;
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    /** How long each writer stays silent halfway through its stream (zero: no pause). */
    public Duration midStreamPause() {
        return midStreamPause;
    }

    /** How long the reader waits after each read: a slow consumer (zero: reads as fast as it can). */
    public Duration readDelay() {
        return readDelay;
    }

    /** Every this-many-th stream (ids 0, k, 2k, ...) is aborted halfway on purpose; 0: none. */
    public int abortEvery() {
        return abortEvery;
    }

    /** Whether stream {@code id} is one the workload aborts on purpose. */
    public boolean aborts(int id) {
        return abortEvery > 0 && id % abortEvery == 0;
    }

    public static final class Builder {
        private int streams = DEFAULT_STREAMS;
        private long bytesPerStream = DEFAULT_BYTES;
        private int connections = DEFAULT_CONNECTIONS;
        private long seed = DEFAULT_SEED;
        private int chunkSize = ChunkFormat.DEFAULT_CHUNK_SIZE;
        private Duration deadline = DEFAULT_DEADLINE;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Duration midStreamPause = Duration.ZERO;
        private Duration readDelay = Duration.ZERO;
        private int abortEvery;

        public Builder abortEvery(int every) {
            this.abortEvery = every;
            return this;
        }

        public Builder midStreamPause(Duration pause) {
            this.midStreamPause = pause;
            return this;
        }

        public Builder readDelay(Duration delay) {
            this.readDelay = delay;
            return this;
        }

        public Builder streams(int streams) {
            this.streams = streams;
            return this;
        }

        public Builder bytesPerStream(long bytesPerStream) {
            this.bytesPerStream = bytesPerStream;
            return this;
        }

        public Builder connections(int connections) {
            this.connections = connections;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder progressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
            return this;
        }

        /** Checks every value; the message says which one is wrong and what is allowed. */
        public WorkloadConfig build() {
            if (streams < 1 || streams > MAX_STREAMS) {
                throw new IllegalArgumentException("streams must be between 1 and " + MAX_STREAMS + ", got " + streams);
            }
            if (connections < 1 || connections > streams) {
                throw new IllegalArgumentException("connections must be between 1 and the number of streams ("
                        + streams + "), got " + connections);
            }
            String problem = ChunkFormat.validate(bytesPerStream, chunkSize);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, got " + deadline);
            }
            if (progressInterval.isNegative() || progressInterval.isZero()) {
                throw new IllegalArgumentException("progress interval must be positive, got " + progressInterval);
            }
            if (abortEvery < 0) {
                throw new IllegalArgumentException("abort-every must be 0 (none) or positive, got " + abortEvery);
            }
            if (midStreamPause.isNegative() || readDelay.isNegative()) {
                throw new IllegalArgumentException("pauses and delays must not be negative");
            }
            return new WorkloadConfig(this);
        }
    }
}
