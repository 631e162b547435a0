package dev.sluice.client;

import static dev.sluice.connection.ConfigChecks.positive;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.NettyTransport;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.tls.TlsProvider;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Everything a {@link SluiceClient} needs; every limit and timeout has a named default here. */
public final class ClientConfig {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_PATH = "/sluice";
    public static final int DEFAULT_THREADS = 1;
    public static final int MAX_UPGRADE_RESPONSE_BYTES = 8 * 1024;

    final Duration connectTimeout;
    final String path;
    final TlsProvider tlsProvider;
    final Optional<NodeIdentity> identity;
    final ConnectionConfig connection;
    final ApplicationHandlerFactory applicationHandler;
    final Clock clock;
    final NettyTransport transport;
    final EventLoopGroup group;
    final int threads;

    private ClientConfig(Builder b) {
        connectTimeout = b.connectTimeout;
        path = b.path;
        tlsProvider = b.tlsProvider;
        identity = Optional.ofNullable(b.identity);
        connection = b.connection;
        applicationHandler = Objects.requireNonNull(b.applicationHandler, "applicationHandler is required");
        applicationHandler.checkFits(connection);
        clock = b.clock;
        transport = b.transport;
        group = b.group;
        threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConnectionConfig connection() {
        return connection;
    }

    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private String path = DEFAULT_PATH;
        private TlsProvider tlsProvider = TlsProvider.AUTO;
        private NodeIdentity identity;
        private ConnectionConfig connection = ConnectionConfig.defaults();
        private ApplicationHandlerFactory applicationHandler;
        private Clock clock = Clock.systemUTC();
        private NettyTransport transport = NettyTransport.preferred();
        private EventLoopGroup group;
        private int threads = DEFAULT_THREADS;

        private Builder() {
        }

        /** Covers TCP connect, TLS handshake and WebSocket upgrade together. */
        public Builder connectTimeout(Duration timeout) {
            connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        public Builder path(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.path = path;
            return this;
        }

        public Builder tlsProvider(TlsProvider provider) {
            tlsProvider = Objects.requireNonNull(provider, "tlsProvider");
            return this;
        }

        /** The identity presented to servers that ask for a client certificate (mutual TLS). */
        public Builder identity(NodeIdentity identity) {
            this.identity = identity;
            return this;
        }

        public Builder connection(ConnectionConfig connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        public Builder applicationHandler(ApplicationHandlerFactory factory) {
            applicationHandler = factory;
            return this;
        }

        /** Runs the stream layer with default limits; open streams with {@code Streams.session(connection)}. */
        public Builder streams() {
            return streams(dev.sluice.stream.StreamConfig.defaults());
        }

        /** Runs the stream layer with {@code streams} limits; streams the server opens are cancelled. */
        public Builder streams(dev.sluice.stream.StreamConfig streams) {
            return applicationHandler(dev.sluice.stream.Streams.client(streams));
        }

        /** The clock server certificates are checked against (tests inject one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs on {@code group} (of {@code transport}) instead of creating one; the client does not shut it down. */
        public Builder eventLoopGroup(EventLoopGroup group, NettyTransport transport) {
            this.group = Objects.requireNonNull(group, "group");
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder transport(NettyTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder threads(int threads) {
            this.threads = positive(threads, "threads");
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
