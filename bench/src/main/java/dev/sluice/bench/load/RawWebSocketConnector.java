package dev.sluice.bench.load;

import dev.sluice.bench.net.BenchTls;
import dev.sluice.bench.net.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Connects plain Netty WebSocket clients ({@code ws://} or {@code wss://}) to any echo server:
 * the raw controls and the Node {@code ws} server alike. Messages sent while handling a batch of
 * echoes are flushed once at the end of the batch (as a Netty application would), others at once.
 */
public final class RawWebSocketConnector implements EchoConnector {
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 20_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 20_000;

    private final URI uri;
    private final SslContext sslContext;
    private final EventLoopGroup group;
    private final Transports transport = Transports.current();

    public RawWebSocketConnector(URI uri, int threads) throws SSLException {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("target must be a ws:// or wss:// URL, not " + uri);
        }
        this.uri = uri;
        this.sslContext = scheme.equals("wss") ? BenchTls.newTrustingClientContext() : null;
        this.group = transport.newGroup(threads);
    }

    @Override
    public CompletableFuture<EchoConnection> connect(EchoSink sink) {
        CompletableFuture<EchoConnection> opened = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (sslContext != null) {
                            p.addLast(sslContext.newHandler(ch.alloc(), uri.getHost(), uri.getPort()));
                        }
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
                        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .maxFramePayloadLength(Payloads.MAX_PAYLOAD_BYTES)
                                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                                .build()));
                        p.addLast(new WebSocketFrameAggregator(Payloads.MAX_PAYLOAD_BYTES));
                        p.addLast(new EchoClientHandler(sink, opened));
                    }
                });
        bootstrap.connect(uri.getHost(), uri.getPort()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Completes {@code opened} when the upgrade is done, then hands each echo to the sink. */
    private static final class EchoClientHandler extends ChannelInboundHandlerAdapter implements EchoConnection {
        private final EchoSink sink;
        private final CompletableFuture<EchoConnection> opened;
        /** Set in handlerAdded on the event loop, read from any sending thread afterwards. */
        private volatile Channel channel;
        /** Event loop only: inside a read batch, sends are written now and flushed once at its end. */
        private boolean reading;
        private boolean flushPending;

        EchoClientHandler(EchoSink sink, CompletableFuture<EchoConnection> opened) {
            this.sink = sink;
            this.opened = opened;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened.complete(this);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IOException("WebSocket upgrade timed out"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            reading = true;
            try {
                if (msg instanceof BinaryWebSocketFrame) {
                    sink.echoed(this, Payloads.intendedNanos(((BinaryWebSocketFrame) msg).content()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            reading = false;
            if (flushPending) {
                flushPending = false;
                ctx.flush();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            opened.completeExceptionally(new IOException("connection closed before the WebSocket upgrade"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void send(long intendedNanos, int sizeBytes) {
            Channel ch = channel;
            BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Payloads.stamped(ch.alloc(), intendedNanos, sizeBytes));
            if (reading && ch.eventLoop().inEventLoop()) {
                ch.write(frame, ch.voidPromise());
                flushPending = true;
            } else {
                ch.writeAndFlush(frame, ch.voidPromise());
            }
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
