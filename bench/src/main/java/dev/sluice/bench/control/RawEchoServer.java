package dev.sluice.bench.control;

import dev.sluice.bench.net.BenchTls;
import dev.sluice.bench.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The control: a plain Netty WebSocket echo server, {@code ws} or {@code wss}, one message per
 * WebSocket message and no multiplexing. Binds 127.0.0.1 on an ephemeral port.
 */
public final class RawEchoServer implements EchoServerHandle {
    public static final String PATH = "/echo";
    /** Large enough for the 1 MiB throughput messages plus headroom. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;
    private final boolean tls;
    private final EchoFrameHandler echo = new EchoFrameHandler();

    private RawEchoServer(boolean tls, int workerThreads) throws InterruptedException, SSLException {
        this.tls = tls;
        Transports transport = Transports.current();
        SslContext sslContext = tls ? BenchTls.newServerContext() : null;
        bossGroup = transport.newGroup(1);
        workerGroup = transport.newGroup(workerThreads);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ChannelPipeline p = ch.pipeline();
                            if (sslContext != null) {
                                p.addLast(sslContext.newHandler(ch.alloc()));
                            }
                            p.addLast(new HttpServerCodec());
                            p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
                            p.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath(PATH)
                                    .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                                    .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                                    .build()));
                            p.addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
                            p.addLast(echo);
                        }
                    });
            listener = bootstrap.bind("127.0.0.1", 0).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdownGroups();
            throw e;
        }
    }

    /** Starts a server; {@code workerThreads} 0 means Netty's default. */
    public static RawEchoServer start(boolean tls, int workerThreads) throws InterruptedException, SSLException {
        return new RawEchoServer(tls, workerThreads);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public String url() {
        return (tls ? "wss" : "ws") + "://127.0.0.1:" + port() + PATH;
    }

    /** Open connections right now (accepted and not yet closed). */
    @Override
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public long bytesEchoed() {
        return echo.bytesEchoed();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
