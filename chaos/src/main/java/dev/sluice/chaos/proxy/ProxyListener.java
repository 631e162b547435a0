package dev.sluice.chaos.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The listening socket of one proxy. Each accepted client dials the upstream at once on the
 * client's own event loop; when the dial fails the client, already accepted, is closed (it sees
 * end of stream, not a refusal).
 */
final class ProxyListener {
    private final Channel serverChannel;

    private ProxyListener(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    static ProxyListener bind(ManagedProxy proxy, HostPort listen, ProxyRuntime runtime)
            throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(runtime.acceptGroup(), runtime.connectionGroup())
                .channel(NioServerSocketChannel.class)
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
        return new ProxyListener(bound.channel());
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

    void close() {
        serverChannel.close().awaitUninterruptibly();
    }
}
