package dev.sluice.chaos;

import dev.sluice.chaos.random.DecisionListener;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a {@link ChaosProxyServer} runs. Every limit has a named default here.
 *
 * <pre>{@code
 * ChaosConfig config = ChaosConfig.builder().port(0).seed(42).build();
 * }</pre>
 */
public final class ChaosConfig {
    /** Toxiproxy's address: loopback only, so the API is never exposed by accident. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8474;
    /** Bytes a link may hold (in toxics and unwritten socket buffers) before it stops reading its source. */
    public static final long DEFAULT_LINK_HIGH_WATER_BYTES = 1 << 20;
    /** Held bytes under which a paused link reads again. */
    public static final long DEFAULT_LINK_LOW_WATER_BYTES = 256 << 10;
    public static final Duration DEFAULT_UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1 << 20;
    /** Threads running proxied connections; each connection stays on one. */
    public static final int DEFAULT_CONNECTION_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /**
     * How long a change may take to reach every open connection (or a disable to close the listener
     * and the connections) before the API answers 500 instead of success.
     */
    public static final Duration DEFAULT_APPLY_TIMEOUT = Duration.ofSeconds(5);
    /** Toxiproxy exports no metrics unless asked ({@code -proxy-metrics}, {@code -runtime-metrics}). */
    public static final boolean DEFAULT_PROXY_METRICS = false;
    public static final boolean DEFAULT_RUNTIME_METRICS = false;

    private final String host;
    private final int port;
    private final OptionalLong seed;
    private final DecisionListener decisionListener;
    private final long linkHighWaterBytes;
    private final long linkLowWaterBytes;
    private final Duration upstreamConnectTimeout;
    private final int maxRequestBodyBytes;
    private final int connectionThreads;
    private final Duration applyTimeout;
    private final boolean proxyMetrics;
    private final boolean runtimeMetrics;

    private ChaosConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.seed = b.seed;
        this.decisionListener = b.decisionListener;
        this.linkHighWaterBytes = b.linkHighWaterBytes;
        this.linkLowWaterBytes = b.linkLowWaterBytes;
        this.upstreamConnectTimeout = b.upstreamConnectTimeout;
        this.maxRequestBodyBytes = b.maxRequestBodyBytes;
        this.connectionThreads = b.connectionThreads;
        this.applyTimeout = b.applyTimeout;
        this.proxyMetrics = b.proxyMetrics;
        this.runtimeMetrics = b.runtimeMetrics;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, but on a free port: what tests and embedded users want. */
    public static ChaosConfig ephemeral() {
        return builder().port(0).build();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The seed every random choice derives from; when empty the server draws one and reports it. */
    public OptionalLong seed() {
        return seed;
    }

    public DecisionListener decisionListener() {
        return decisionListener;
    }

    public long linkHighWaterBytes() {
        return linkHighWaterBytes;
    }

    public long linkLowWaterBytes() {
        return linkLowWaterBytes;
    }

    public Duration upstreamConnectTimeout() {
        return upstreamConnectTimeout;
    }

    public int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    public int connectionThreads() {
        return connectionThreads;
    }

    public Duration applyTimeout() {
        return applyTimeout;
    }

    /** Whether {@code /metrics} counts each proxy's bytes ({@code toxiproxy_proxy_*_bytes_total}). */
    public boolean proxyMetrics() {
        return proxyMetrics;
    }

    /** Whether {@code /metrics} exports the JVM's and the process's metrics. */
    public boolean runtimeMetrics() {
        return runtimeMetrics;
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private OptionalLong seed = OptionalLong.empty();
        private DecisionListener decisionListener = DecisionListener.NONE;
        private long linkHighWaterBytes = DEFAULT_LINK_HIGH_WATER_BYTES;
        private long linkLowWaterBytes = DEFAULT_LINK_LOW_WATER_BYTES;
        private Duration upstreamConnectTimeout = DEFAULT_UPSTREAM_CONNECT_TIMEOUT;
        private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
        private int connectionThreads = DEFAULT_CONNECTION_THREADS;
        private Duration applyTimeout = DEFAULT_APPLY_TIMEOUT;
        private boolean proxyMetrics = DEFAULT_PROXY_METRICS;
        private boolean runtimeMetrics = DEFAULT_RUNTIME_METRICS;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The API port; 0 picks a free one (read it back from {@link ChaosProxyServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /** Observes every random choice (toxicity draws, jitter, slice sizes), for replay checks. */
        public Builder decisionListener(DecisionListener listener) {
            this.decisionListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder linkWaterMarks(long lowBytes, long highBytes) {
            if (lowBytes < 0 || highBytes <= lowBytes) {
                throw new IllegalArgumentException("need 0 <= low < high, was low=" + lowBytes + " high=" + highBytes);
            }
            this.linkLowWaterBytes = lowBytes;
            this.linkHighWaterBytes = highBytes;
            return this;
        }

        public Builder upstreamConnectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("upstream connect timeout must be positive, was " + timeout);
            }
            this.upstreamConnectTimeout = timeout;
            return this;
        }

        public Builder maxRequestBodyBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("max request body must be positive, was " + bytes);
            }
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        public Builder connectionThreads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("connection threads must be positive, was " + threads);
            }
            this.connectionThreads = threads;
            return this;
        }

        /**
         * How long the API waits for a change to reach every open connection, or for a disable to
         * close the listener and the connections; past it the request answers 500 with the reason.
         */
        public Builder applyTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("apply timeout must be positive, was " + timeout);
            }
            this.applyTimeout = timeout;
            return this;
        }

        /** Counts the bytes of every proxy and direction and serves them on {@code /metrics}. */
        public Builder proxyMetrics(boolean on) {
            this.proxyMetrics = on;
            return this;
        }

        /** Serves the JVM's and the process's metrics on {@code /metrics}. */
        public Builder runtimeMetrics(boolean on) {
            this.runtimeMetrics = on;
            return this;
        }

        public ChaosConfig build() {
            return new ChaosConfig(this);
        }
    }
}
