package dev.sluice.conformance;

import dev.sluice.connection.ConnectionConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The echo endpoint the Autobahn fuzzing client tests: plain ws:// on loopback only, with the
 * same post-upgrade stages as the real server (TLS aside). The limits allow Autobahn's largest cases (16 MiB
 * messages in one frame). Started by the Autobahn Maven plugin with the port as the only argument.
 */
public final class AutobahnEchoServer {
    static final ConnectionConfig CONFIG = ConnectionConfig.builder()
            .maxFrameSize(16 << 20)
            .maxMessageSize(16 << 20)
            // no keep-alive pings in the middle of a case: the suite checks every frame it gets
            .keepAliveInterval(Duration.ofMinutes(30))
            .keepAliveTimeout(Duration.ofMinutes(60))
            .build();

    private AutobahnEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = start(group, port);
            System.out.println("autobahn echo endpoint on ws:/" + server.localAddress());
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Binds the echo endpoint to the loopback address; port 0 picks a free one. */
    static Channel start(EventLoopGroup group, int port) throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http-codec", new HttpServerCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(8192))
                                .addLast("upgrade", new PlainWebSocketUpgrade(CONFIG, info -> new EchoHandler(),
                                        "http-codec", "http-aggregator"));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .sync()
                .channel();
    }
}
