package dev.sluice.server;

import static dev.sluice.connection.ConfigChecks.nonNegative;
import static dev.sluice.connection.ConfigChecks.positive;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.NettyTransport;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.tls.ClientAuthMode;
import dev.sluice.tls.TlsProvider;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** Everything a {@link SluiceServer} needs; every limit and timeout has a named default here. */
public final class ServerConfig {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_PATH = "/sluice";
    public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STOP_DEADLINE = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_UPGRADE_REQUEST_BYTES = 8 * 1024;
    /** 0 lets Netty choose (twice the number of cores). */
    public static final int DEFAULT_WORKER_THREADS = 0;

    final String host;
    final int port;
    final NodeIdentity identity;
    final String path;
    final TlsProvider tlsProvider;
    final Duration tlsHandshakeTimeout;
    final Duration upgradeTimeout;
    final Duration stopDeadline;
    final int maxConnections;
    final int maxUpgradeRequestBytes;
    final ConnectionConfig connection;
    final ApplicationHandlerFactory applicationHandler;
    final ClientAuthMode clientAuth;
    final Predicate<ConnectionInfo> clientAcceptor;
    final OriginPolicy allowedOrigins;
    final ServerListener listener;
    final Clock clock;
    final NettyTransport transport;
    final EventLoopGroup bossGroup;
    final EventLoopGroup workerGroup;
    final int workerThreads;

    private ServerConfig(Builder b) {
        host = b.host;
        port = b.port;
        identity = Objects.requireNonNull(b.identity, "identity (the server's NodeIdentity) is required");
        path = b.path;
        tlsProvider = b.tlsProvider;
        tlsHandshakeTimeout = b.tlsHandshakeTimeout;
        upgradeTimeout = b.upgradeTimeout;
        stopDeadline = b.stopDeadline;
        maxConnections = b.maxConnections;
        maxUpgradeRequestBytes = b.maxUpgradeRequestBytes;
        connection = b.connection;
        applicationHandler = Objects.requireNonNull(b.applicationHandler, "applicationHandler is required");
        applicationHandler.checkFits(connection);
        clientAuth = b.clientAuth;
        clientAcceptor = b.clientAcceptor;
        allowedOrigins = b.allowedOrigins;
        listener = b.listener;
        clock = b.clock;
        transport = b.transport;
        bossGroup = b.bossGroup;
        workerGroup = b.workerGroup;
        workerThreads = b.workerThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String path() {
        return path;
    }

    public ConnectionConfig connection() {
        return connection;
    }

    /** The browser origins allowed to connect; requests without an Origin header are always accepted. */
    public OriginPolicy allowedOrigins() {
        return allowedOrigins;
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private NodeIdentity identity;
        private String path = DEFAULT_PATH;
        private TlsProvider tlsProvider = TlsProvider.AUTO;
        private Duration tlsHandshakeTimeout = DEFAULT_TLS_HANDSHAKE_TIMEOUT;
        private Duration upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;
        private Duration stopDeadline = DEFAULT_STOP_DEADLINE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxUpgradeRequestBytes = DEFAULT_MAX_UPGRADE_REQUEST_BYTES;
        private ConnectionConfig connection = ConnectionConfig.defaults();
        private ApplicationHandlerFactory applicationHandler;
        private ClientAuthMode clientAuth = ClientAuthMode.NONE;
        private Predicate<ConnectionInfo> clientAcceptor = info -> true;
        private OriginPolicy allowedOrigins = OriginPolicy.NONE;
        private ServerListener listener = ServerListener.NONE;
        private Clock clock = Clock.systemUTC();
        private NettyTransport transport = NettyTransport.preferred();
        private EventLoopGroup bossGroup;
        private EventLoopGroup workerGroup;
        private int workerThreads = DEFAULT_WORKER_THREADS;

        private Builder() {
        }

        /** Address to bind: {@code 127.0.0.1}, {@code ::1}, {@code ::} (dual stack), {@code 0.0.0.0}... */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; 0 picks a free one (read it back from {@link SluiceServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder identity(NodeIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** The path WebSocket upgrades are accepted on. */
        public Builder path(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.path = path;
            return this;
        }

        public Builder tlsProvider(TlsProvider provider) {
            this.tlsProvider = Objects.requireNonNull(provider, "tlsProvider");
            return this;
        }

        public Builder tlsHandshakeTimeout(Duration timeout) {
            this.tlsHandshakeTimeout = positive(timeout, "tlsHandshakeTimeout");
            return this;
        }

        /** How long a client has, after TLS, to send a complete upgrade request. */
        public Builder upgradeTimeout(Duration timeout) {
            this.upgradeTimeout = positive(timeout, "upgradeTimeout");
            return this;
        }

        /** How long {@link SluiceServer#close()} waits for connections to close gracefully. */
        public Builder stopDeadline(Duration deadline) {
            this.stopDeadline = positive(deadline, "stopDeadline");
            return this;
        }

        /** Established connections beyond this are refused with 503 before the upgrade. */
        public Builder maxConnections(int max) {
            this.maxConnections = positive(max, "maxConnections");
            return this;
        }

        public Builder maxUpgradeRequestBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxUpgradeRequestBytes must be at least 1024: " + bytes);
            }
            this.maxUpgradeRequestBytes = bytes;
            return this;
        }

        public Builder connection(ConnectionConfig connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        public Builder applicationHandler(ApplicationHandlerFactory factory) {
            this.applicationHandler = factory;
            return this;
        }

        /** Runs the stream layer on every connection; streams clients open go to {@code inbound}. */
        public Builder streamHandler(dev.sluice.stream.StreamHandler inbound) {
            return streamHandler(inbound, dev.sluice.stream.StreamConfig.defaults());
        }

        /** Runs the stream layer with {@code streams} limits; streams clients open go to {@code inbound}. */
        public Builder streamHandler(dev.sluice.stream.StreamHandler inbound, dev.sluice.stream.StreamConfig streams) {
            return applicationHandler(dev.sluice.stream.Streams.server(streams, inbound));
        }

        /** Mutual TLS: ask clients for a chain proving their NodeId. */
        public Builder clientAuth(ClientAuthMode mode) {
            this.clientAuth = Objects.requireNonNull(mode, "clientAuth");
            return this;
        }

        /** Decides, after TLS and before the upgrade, whether a client may connect (refused: 403). */
        public Builder clientAcceptor(Predicate<ConnectionInfo> acceptor) {
            this.clientAcceptor = Objects.requireNonNull(acceptor, "clientAcceptor");
            return this;
        }

        /**
         * The web origins ({@code https://app.example.com}, {@code http://localhost:8080}, or
         * {@code null}) whose pages may connect. A request without an {@code Origin} header (any
         * client that is not a browser) is accepted whatever this says; one carrying an origin
         * not listed gets 403. Default: none, so no browser page can connect.
         *
         * @throws IllegalArgumentException naming an entry that is not an origin
         */
        public Builder allowedOrigins(java.util.Collection<String> origins) {
            this.allowedOrigins = OriginPolicy.allowing(Objects.requireNonNull(origins, "origins"));
            return this;
        }

        public Builder listener(ServerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock client certificates are checked against (tests inject one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs on these groups instead of creating its own; the server does not shut them down.
         * They must belong to {@code transport}.
         */
        public Builder eventLoopGroups(EventLoopGroup boss, EventLoopGroup worker, NettyTransport transport) {
            this.bossGroup = Objects.requireNonNull(boss, "boss");
            this.workerGroup = Objects.requireNonNull(worker, "worker");
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Transport for the groups the server creates itself. */
        public Builder transport(NettyTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = nonNegative(threads, "workerThreads");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
