package dev.sluice.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline of an accepted connection before its upgrade: TLS (from the current SSL context,
 * read per connection so that rotation affects only new connections), HTTP, the upgrade handler.
 */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 4096;

    private final ServerConfig config;
    private final AtomicReference<SslContext> sslContext;
    private final ServerConnections connections;
    private final String tlsProvider;
    private final RefusalLog refusals = new RefusalLog();

    ServerChannelInitializer(ServerConfig config, AtomicReference<SslContext> sslContext, ServerConnections connections,
            String tlsProvider) {
        this.config = config;
        this.sslContext = sslContext;
        this.connections = connections;
        this.tlsProvider = tlsProvider;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.accepted(channel);
        SslHandler tls = sslContext.get().newHandler(channel.alloc());
        tls.setHandshakeTimeoutMillis(config.tlsHandshakeTimeout.toMillis());
        channel.pipeline()
                .addLast("tls", tls)
                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, config.maxUpgradeRequestBytes, config.maxUpgradeRequestBytes))
                .addLast("http-aggregator", new HttpObjectAggregator(config.maxUpgradeRequestBytes))
                .addLast("upgrade", new ServerUpgradeHandler(config, connections, tlsProvider, refusals));
    }
}
