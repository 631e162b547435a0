package dev.sluice.stream;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.protocol.StreamProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client and a server multiplexer joined by an in-memory channel pair that carries real RFC 6455
 * frames (masked from the client), each side on its own event loop. Close it after each test.
 */
public final class LocalMuxPair implements AutoCloseable {
    public static final ConnectionInfo TEST_INFO = new ConnectionInfo(new InetSocketAddress("127.0.0.1", 1),
            new InetSocketAddress("127.0.0.1", 2), List.of(), Optional.empty(), "none", "none", StreamProtocol.SUBPROTOCOL);
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final Channel serverChannel;
    public final Channel clientChannel;
    public final StreamMultiplexer client;
    public final StreamMultiplexer server;
    public final TestConnectionLayer clientConnection = new TestConnectionLayer();
    public final TestConnectionLayer serverConnection = new TestConnectionLayer();
    public volatile Channel serverChild;

    public LocalMuxPair(StreamConfig clientConfig, StreamConfig serverConfig, StreamHandler serverHandler,
            StreamHandler clientHandler) throws Exception {
        server = new StreamMultiplexer(serverConfig, false, TEST_INFO, serverHandler);
        client = new StreamMultiplexer(clientConfig, true, TEST_INFO, clientHandler);
        LocalAddress address = new LocalAddress(LocalMuxPair.class);
        CompletableFuture<Void> serverReady = new CompletableFuture<>();
        serverChannel = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        serverChild = ch;
                        install(ch.pipeline(), false, serverConnection, server);
                        serverReady.complete(null);
                    }
                }).bind(address).sync().channel();
        clientChannel = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        install(ch.pipeline(), true, clientConnection, client);
                    }
                }).connect(address).sync().channel();
        serverReady.get(5, TimeUnit.SECONDS);
    }

    public static LocalMuxPair echo(StreamConfig config) throws Exception {
        return new LocalMuxPair(config, config, EchoHandler.INSTANCE, StreamHandler.CANCEL_ALL);
    }

    private static void install(ChannelPipeline p, boolean clientSide, TestConnectionLayer connection,
            StreamMultiplexer mux) {
        p.addLast(new WebSocket08FrameEncoder(clientSide));
        p.addLast(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder().expectMaskedFrames(!clientSide)
                .allowMaskMismatch(false).maxFramePayloadLength(MAX_MESSAGE_BYTES).build()));
        p.addLast(connection);
        p.addLast(mux);
    }

    @Override
    public void close() {
        try {
            clientChannel.close().await(5, TimeUnit.SECONDS);
            serverChannel.close().await(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
