package dev.sluice.chaos.http;

import dev.sluice.chaos.api.ToxiproxyApi;
import dev.sluice.chaos.metrics.ChaosMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The HTTP listener of the API. Requests run on its own event loop, apart from proxied traffic. */
public final class ApiServer {
    private final Channel channel;

    private ApiServer(Channel channel) {
        this.channel = channel;
    }

    /** Serves {@code api}, and {@code /metrics} from {@code metrics} when any metrics are on. */
    public static ApiServer bind(ToxiproxyApi api, ChaosMetrics metrics, EventLoopGroup group,
            InetSocketAddress address, int maxBodyBytes) throws IOException {
        ApiHandler handler = new ApiHandler(new RouteTable(api, metrics));
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new BodyLimit(maxBodyBytes), handler);
                    }
                })
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen for the API on " + address + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return new ApiServer(bound.channel());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
