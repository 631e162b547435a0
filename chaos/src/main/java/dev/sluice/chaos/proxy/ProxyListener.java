package dev.sluice.chaos.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The listening socket of one proxy. Each accepted client dials the upstream at once on the
 * client's own event loop; when the dial fails the client, already accepted, is closed (it sees
 * end of stream, not a refusal).
 *
 * <p>Closing waits until the operating system refuses new connections. NIO closes the socket of a
 * channel registered with a selector only when that selector next runs (it drops the cancelled
 * key then); until that moment the kernel still completes handshakes into the backlog, so a
 * client could connect to a proxy whose disable had already been answered.
 */
final class ProxyListener {
    private static final Runnable NOTHING = () -> {
    };
    private final Channel serverChannel;
    /** The JDK socket under {@link #serverChannel}: its registration tells when the selector let go of it. */
    private final ServerSocketChannel socket;

    private ProxyListener(Channel serverChannel, ServerSocketChannel socket) {
        this.serverChannel = serverChannel;
        this.socket = socket;
    }

    static ProxyListener bind(ManagedProxy proxy, HostPort listen, ProxyRuntime runtime)
            throws IOException {
        ServerSocketChannel[] socket = new ServerSocketChannel[1];
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(runtime.acceptGroup(), runtime.connectionGroup())
                .channelFactory(() -> {
                    try {
                        socket[0] = SelectorProvider.provider().openServerSocketChannel();
                    } catch (IOException e) {
                        throw new ChannelException("cannot open a listening socket", e);
                    }
                    return new NioServerSocketChannel(socket[0]);
                })
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        dial(proxy, client, runtime);
                    }
                });
        ChannelFuture bound = bootstrap.bind(listen.bindAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("listen tcp " + listen.host() + ":" + listen.port() + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
        return new ProxyListener(bound.channel(), socket[0]);
    }

    private static void dial(ManagedProxy proxy, SocketChannel client, ProxyRuntime runtime) {
        HostPort upstream = proxy.dialTarget();
        RelayHandler clientRelay = new RelayHandler();
        RelayHandler serverRelay = new RelayHandler();
        client.pipeline().addLast(clientRelay);
        new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, runtime.upstreamConnectTimeoutMillis())
                .handler(serverRelay)
                .connect(upstream.host(), upstream.port())
                .addListener((ChannelFuture dialed) -> {
                    if (!dialed.isSuccess() || !client.isActive()) {
                        dialed.channel().close();
                        client.close();
                        return;
                    }
                    proxy.connectionOpened(client, dialed.channel(), clientRelay, serverRelay);
                });
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Closes the listening socket; returns once new connections to it are refused.
     *
     * @throws ProxyChangeException when that has not happened by {@code deadlineNanos}
     */
    void close(String proxy, long deadlineNanos, long timeoutMillis) throws ProxyChangeException {
        String late = "proxy " + proxy + ": the listener did not close within " + timeoutMillis
                + " ms (its event loop is busy)";
        if (!serverChannel.close().awaitUninterruptibly(remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
            throw new ProxyChangeException(late);
        }
        // Each task wakes the loop, whose next select drops the cancelled key and closes the socket.
        // A loop shutting down closes the socket itself as it ends.
        EventLoop loop = serverChannel.eventLoop();
        while (socket.isRegistered()) {
            if (!runOn(loop, deadlineNanos, late)) {
                return;
            }
        }
        // The key is gone; once one more task has run, the select that closed the socket has returned.
        runOn(loop, deadlineNanos, late);
    }

    /** Runs an empty task on {@code loop}; false when the loop is shutting down and takes no more. */
    private static boolean runOn(EventLoop loop, long deadlineNanos, String late) throws ProxyChangeException {
        if (loop.isShuttingDown()) {
            return false;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new ProxyChangeException(late);
        }
        io.netty.util.concurrent.Future<?> ran;
        try {
            ran = loop.submit(NOTHING);
        } catch (RejectedExecutionException e) {
            return false;
        }
        if (!ran.awaitUninterruptibly(remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
            throw new ProxyChangeException(late);
        }
        return true;
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }
}
