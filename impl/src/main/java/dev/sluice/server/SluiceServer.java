package dev.sluice.server;

import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionObserver;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeId;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.tls.SslContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sluice server: TLS WebSocket connections on one address. {@link #start} binds;
 * {@link #stopAccepting} closes the listening socket and keeps established connections;
 * {@link #stop} ends every connection gracefully within a deadline; {@link #stopNow} drops them.
 * All are safe to call more than once and from any thread but an event loop.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SluiceServer.class);

    /** How long closing sockets may take once a stop drops them (a local operation: short). */
    private static final Duration FORCED_CLOSE_WAIT = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final String tlsProvider;
    private final AtomicReference<SslContext> sslContext;
    private final AtomicReference<NodeIdentity> identity;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final boolean ownsGroups;
    private static final Object ACCEPTED = "accepted";
    private static final Object ADMITTED = "admitted";
    /**
     * Every accepted channel still open, upgraded or not, mapped to how far it got:
     * {@link #ACCEPTED}, {@link #ADMITTED} (counted in {@link #admitted}), or its
     * {@link SluiceConnection} once established (admitted too, and counted in {@link #established});
     * removed by the admission's close listener. One map, so that a connection costs one entry.
     */
    private final Map<Channel, Object> acceptedChannels = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Set by stopAccepting (and so by every stop): no new connection is admitted from then on. */
    private final AtomicBoolean acceptingStopped = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** Set once by start() before it returns; read by any thread afterwards. */
    private volatile Channel serverChannel;

    private SluiceServer(ServerConfig config) {
        this.config = config;
        this.tlsProvider = config.tlsProvider.reportedName();
        this.identity = new AtomicReference<>(config.identity);
        this.sslContext = new AtomicReference<>(newSslContext(config.identity));
        this.ownsGroups = config.bossGroup == null;
        this.bossGroup = ownsGroups ? config.transport.newEventLoopGroup(1) : config.bossGroup;
        this.workerGroup = ownsGroups ? config.transport.newEventLoopGroup(config.workerThreads) : config.workerGroup;
    }

    /** Binds and starts accepting connections. */
    public static SluiceServer start(ServerConfig config) throws BindException, InterruptedException {
        SluiceServer server = new SluiceServer(config);
        try {
            server.bind();
        } catch (BindException | InterruptedException | RuntimeException e) {
            server.shutDownGroups();
            throw e;
        }
        return server;
    }

    private void bind() throws BindException, InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(config.transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.connection.writeBufferLowWaterMark(), config.connection.writeBufferHighWaterMark()))
                .childHandler(new ServerChannelInitializer(config, sslContext, new Admission(), tlsProvider));
        ChannelFuture bound = bootstrap.bind(config.host, config.port).await();
        if (!bound.isSuccess()) {
            BindException failure = new BindException("cannot listen on " + config.host + " port " + config.port + ": "
                    + bound.cause().getMessage());
            failure.initCause(bound.cause());
            throw failure;
        }
        serverChannel = bound.channel();
        log.debug("listening on {} with TLS provider {}", serverChannel.localAddress(), tlsProvider);
    }

    private SslContext newSslContext(NodeIdentity nodeIdentity) {
        return SslContexts.forServer(nodeIdentity, config.tlsProvider, config.clientAuth, config.clock);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    /** The NodeId clients must expect (of the current identity). */
    public NodeId nodeId() {
        return identity.get().nodeId();
    }

    public NodeIdentity identity() {
        return identity.get();
    }

    /** {@code "openssl"} or {@code "jdk"}. */
    public String tlsProvider() {
        return tlsProvider;
    }

    /** The number of established (upgraded, not yet closed) connections. */
    public int connectionCount() {
        return established.get();
    }

    /** A snapshot of the established connections. */
    public List<SluiceConnection> connections() {
        List<SluiceConnection> snapshot = new ArrayList<>();
        for (Object state : acceptedChannels.values()) {
            if (state instanceof SluiceConnection connection) {
                snapshot.add(connection);
            }
        }
        return List.copyOf(snapshot);
    }

    /**
     * Replaces the certificate chain and keys for connections accepted from now on; connections
     * already open keep theirs. The NodeId changes only when {@code newIdentity} has another root.
     */
    public void rotateIdentity(NodeIdentity newIdentity) {
        SslContext context = newSslContext(newIdentity);
        identity.set(newIdentity);
        sslContext.set(context);
    }

    /**
     * Closes the listening socket: new connections are refused (connections accepted but not yet
     * upgraded are answered 503), established ones stay open. Blocks until the socket is closed.
     */
    public void stopAccepting() {
        acceptingStopped.set(true);
        closeServerChannel();
    }

    /**
     * Stops accepting, then ends every connection within {@code deadline}: an application handler
     * that implements {@link dev.sluice.connection.GracefulStop} (the stream layer) ends its
     * connection on its own terms first (refusing new streams, letting open ones finish, closing
     * with 1000); the connections still open after that, and every other one, get a close frame
     * with 1001 (going away). Connections still open at the deadline are dropped.
     *
     * @return true when every connection closed gracefully in time
     */
    public boolean stop(Duration deadline) throws InterruptedException {
        if (!stopping.compareAndSet(false, true)) {
            return awaitStopped(deadline);
        }
        boolean graceful;
        try {
            stopAccepting();
            closeUnestablished();
            graceful = ConnectionsStop.endAll(connections(), deadline);
            closeAllChannels();
        } finally {
            shutDownGroups();
            stopped.complete(null);
        }
        return graceful;
    }

    /** Drops every connection without a close handshake and stops. */
    public void stopNow() throws InterruptedException {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped(config.stopDeadline);
            return;
        }
        try {
            closeAllChannels();
        } finally {
            shutDownGroups();
            stopped.complete(null);
        }
    }

    /** {@link #stop} with the configured stop deadline; an interrupt ends the wait and stays set. */
    @Override
    public void close() {
        try {
            stop(config.stopDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitStopped(Duration deadline) throws InterruptedException {
        try {
            stopped.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void closeServerChannel() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(config.stopDeadline.toMillis());
        }
    }

    private void closeUnestablished() {
        acceptedChannels.forEach((channel, state) -> {
            if (!(state instanceof SluiceConnection)) {
                channel.close();
            }
        });
    }

    /** Closes the listening socket and every accepted channel, and waits a little for them all. */
    private void closeAllChannels() {
        List<ChannelFuture> closing = new ArrayList<>();
        if (serverChannel != null) {
            closing.add(serverChannel.close());
        }
        acceptedChannels.keySet().forEach(channel -> closing.add(channel.close()));
        long deadline = System.nanoTime() + FORCED_CLOSE_WAIT.toNanos();
        for (ChannelFuture closed : closing) {
            closed.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private void shutDownGroups() {
        if (!ownsGroups) {
            return;
        }
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workerGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Admission and registration of connections, called on connection event loops. One instance
     * is also every accepted channel's close listener, so an idle connection carries no listener
     * objects of its own.
     */
    private final class Admission implements ServerConnections, ChannelFutureListener {
        @Override
        public void accepted(Channel channel) {
            acceptedChannels.put(channel, ACCEPTED);
            channel.closeFuture().addListener(this);
            if (stopping.get() || acceptingStopped.get()) {
                channel.close();
            }
        }

        @Override
        public boolean tryAdmit(Channel channel) {
            if (stopping.get() || acceptingStopped.get()) {
                return false;
            }
            if (admitted.incrementAndGet() > config.maxConnections) {
                admitted.decrementAndGet();
                return false;
            }
            if (acceptedChannels.replace(channel, ADMITTED) == null) {
                admitted.decrementAndGet(); // it closed already: its close listener has run
                return false;
            }
            return true;
        }

        /** An accepted channel closed (runs on its event loop). */
        @Override
        public void operationComplete(ChannelFuture closed) {
            Object state = acceptedChannels.remove(closed.channel());
            if (state == ADMITTED || state instanceof SluiceConnection) {
                admitted.decrementAndGet();
            }
            if (state instanceof SluiceConnection) {
                established.decrementAndGet();
            }
        }

        @Override
        public void established(SluiceConnection connection) {
            established.incrementAndGet();
            if (!acceptedChannels.replace(connection.channel(), ADMITTED, connection)) {
                established.decrementAndGet(); // closed before it was registered: the close listener has run
            }
            try {
                config.listener.opened(connection);
            } catch (RuntimeException e) {
                log.warn("server listener failed on opened", e);
            }
        }

        /**
         * The listener hears of the end when the connection terminates (say, the keep-alive gave
         * up), not seconds later when its close handshake has lingered out and the channel closes.
         */
        @Override
        public void terminated(SluiceConnection connection, ConnectionException cause) {
            notifyClosed(connection, cause);
        }

        private void notifyClosed(SluiceConnection connection, ConnectionException cause) {
            try {
                config.listener.closed(connection, cause);
            } catch (RuntimeException e) {
                log.warn("server listener failed on closed", e);
            }
        }
    }
}
