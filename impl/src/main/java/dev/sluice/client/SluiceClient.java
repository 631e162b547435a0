package dev.sluice.client;

import dev.sluice.connection.ConnectionStages;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeId;
import dev.sluice.stream.StreamSession;
import dev.sluice.stream.Streams;
import dev.sluice.tls.SslContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Connects to Sluice servers. One client can open many connections; {@link #close()} shuts down
 * the event loop group it created (a group passed in the config stays the caller's).
 */
public final class SluiceClient implements AutoCloseable {
    /** SSL contexts are cached per expected NodeId; the cache is cleared when it grows past this. */
    private static final int MAX_CACHED_CONTEXTS = 64;

    private final ClientConfig config;
    private final String tlsProvider;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Map<NodeId, SslContext> sslContexts = new ConcurrentHashMap<>();

    private SluiceClient(ClientConfig config) {
        this.config = config;
        this.tlsProvider = config.tlsProvider.reportedName();
        this.ownsGroup = config.group == null;
        this.group = ownsGroup ? config.transport.newEventLoopGroup(config.threads) : config.group;
    }

    public static SluiceClient create(ClientConfig config) {
        return new SluiceClient(config);
    }

    /** {@code "openssl"} or {@code "jdk"}. */
    public String tlsProvider() {
        return tlsProvider;
    }

    /**
     * Connects to {@code host} ({@code "::1"} and {@code "[::1]"} both work) and {@code port}, and
     * completes once the server proved {@code expectedNodeId} and the WebSocket is up. Fails with
     * a {@link dev.sluice.tls.CertificateVerificationException} subclass when the server's chain
     * does not prove it, {@link ConnectTimeoutException}, {@link UpgradeRejectedException} or
     * another IOException.
     */
    public CompletableFuture<SluiceConnection> connect(String host, int port, NodeId expectedNodeId) {
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String authority = (bareHost.contains(":") ? "[" + bareHost + "]" : bareHost) + ":" + port;
        CompletableFuture<SluiceConnection> result = new CompletableFuture<>();
        SslContext sslContext = sslContextFor(expectedNodeId);
        long timeoutMillis = config.connectTimeout.toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(config.transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.connection.writeBufferLowWaterMark(), config.connection.writeBufferHighWaterMark()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SslHandler tls = sslContext.newHandler(channel.alloc(), bareHost, port);
                        tls.setHandshakeTimeoutMillis(0);
                        SluiceClientHandshaker handshaker = new SluiceClientHandshaker(
                                URI.create("wss://" + authority + config.path),
                                ConnectionStages.decoderConfig(config.connection, false));
                        channel.pipeline()
                                .addLast("tls", tls)
                                .addLast("http", new HttpClientCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(ClientConfig.MAX_UPGRADE_RESPONSE_BYTES))
                                .addLast("upgrade", new ClientUpgradeHandler(authority, timeoutMillis, handshaker,
                                        config.connection, config.applicationHandler, tlsProvider, result));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(bareHost, port);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                if (cause instanceof io.netty.channel.ConnectTimeoutException) {
                    result.completeExceptionally(new ConnectTimeoutException(authority, timeoutMillis, "TCP connect"));
                } else {
                    result.completeExceptionally(new IOException("cannot connect to " + authority + ": "
                            + cause.getMessage(), cause));
                }
            }
        });
        return result;
    }

    /**
     * Connects as {@link #connect} does and returns the connection's streams; the client must run
     * the stream layer ({@link ClientConfig.Builder#streams()}). Waits at most the connect timeout.
     *
     * @throws IOException with the reason when the connection could not be made (see {@link #connect})
     */
    public StreamSession connectStreams(String host, int port, NodeId expectedNodeId)
            throws IOException, InterruptedException {
        try {
            return connectStreamsAsync(host, port, expectedNodeId).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("cannot connect to " + host + ":" + port + ": " + cause, cause);
        }
    }

    /** As {@link #connectStreams}, without blocking. */
    public CompletableFuture<StreamSession> connectStreamsAsync(String host, int port, NodeId expectedNodeId) {
        return connect(host, port, expectedNodeId).thenApply(Streams::session);
    }

    private SslContext sslContextFor(NodeId expected) {
        if (sslContexts.size() > MAX_CACHED_CONTEXTS) {
            sslContexts.clear();
        }
        return sslContexts.computeIfAbsent(expected,
                id -> SslContexts.forClient(config.identity, id, config.tlsProvider, config.clock));
    }

    /** Shuts down the event loop group this client created; open connections are dropped. */
    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
