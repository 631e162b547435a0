package dev.sluice.bench.sluice;

import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server with a short keep-alive and a client that never pings; freezing the client (it stops
 * reading, so it never answers a ping) leaves the server's keep-alive as the only way to notice.
 * {@link #freezeAndAwaitDetection} returns how long the server took to declare the peer dead.
 */
public final class FrozenPeerRig implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);
    /** The client never pings during a trial, and never gives up on the server first. */
    private static final Duration CLIENT_KEEP_ALIVE_INTERVAL = Duration.ofHours(1);
    private static final Duration CLIENT_KEEP_ALIVE_TIMEOUT = Duration.ofHours(2);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    /** A termination seen by the server: when, and why. */
    private record Termination(long nanos, ConnectionException cause) {
    }

    private final BlockingQueue<Termination> terminations = new LinkedBlockingQueue<>();
    private final SluiceServer server;
    private final SluiceClient client;
    private final Duration timeout;

    public FrozenPeerRig(Duration interval, Duration timeout) throws Exception {
        this.timeout = timeout;
        server = SluiceServer.start(ServerConfig.builder()
                .identity(NodeIdentity.generate())
                .workerThreads(1)
                .connection(ConnectionConfig.builder().keepAliveInterval(interval).keepAliveTimeout(timeout).build())
                .applicationHandler(info -> new TerminationProbe())
                .build());
        client = SluiceClient.create(ClientConfig.builder()
                .threads(1)
                .connection(ConnectionConfig.builder()
                        .keepAliveInterval(CLIENT_KEEP_ALIVE_INTERVAL).keepAliveTimeout(CLIENT_KEEP_ALIVE_TIMEOUT)
                        .build())
                .applicationHandler(info -> new DiscardInbound())
                .build());
    }

    /** Opens a fresh connection, ready to be frozen. */
    public SluiceConnection connect() throws Exception {
        terminations.clear();
        return client.connect("127.0.0.1", server.port(), server.nodeId())
                .get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Freezes the client's side of {@code connection}; returns nanoseconds until the server gave up on it. */
    public long freezeAndAwaitDetection(SluiceConnection connection) throws Exception {
        connection.channel().eventLoop().submit(() -> connection.channel().config().setAutoRead(false)).get();
        long frozen = System.nanoTime();
        Termination seen = terminations.poll(timeout.toMillis() * 10 + SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        connection.abort();
        if (seen == null) {
            throw new TimeoutException("the server did not notice a frozen peer within 10x its keep-alive timeout");
        }
        if (!(seen.cause() instanceof dev.sluice.connection.KeepAliveTimeoutException)) {
            throw new IllegalStateException("the server dropped the frozen peer for another reason: " + seen.cause());
        }
        return seen.nanos() - frozen;
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        server.stopNow();
    }

    /** Server side: records the termination; discards data (the frozen client sends none). */
    private final class TerminationProbe extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ConnectionTerminated) {
                terminations.add(new Termination(System.nanoTime(), ((ConnectionTerminated) evt).cause()));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Client side: nothing to record. */
    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
