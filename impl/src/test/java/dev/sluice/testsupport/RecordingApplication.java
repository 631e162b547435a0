package dev.sluice.testsupport;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionTerminated;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny application for tests: records every data message and every ConnectionTerminated, and
 * optionally echoes binary messages back. One {@link Handler} per connection; the factory keeps them all.
 */
public final class RecordingApplication implements ApplicationHandlerFactory {
    private final boolean echo;
    private final byte[] greeting;
    private final BlockingQueue<Handler> handlers = new LinkedBlockingQueue<>();

    private RecordingApplication(boolean echo, byte[] greeting) {
        this.echo = echo;
        this.greeting = greeting;
    }

    /** Echoes, and writes {@code greeting} as soon as it is added to the pipeline. */
    public static RecordingApplication greeter(byte[] greeting) {
        return new RecordingApplication(true, greeting);
    }

    public static RecordingApplication echo() {
        return new RecordingApplication(true, null);
    }

    public static RecordingApplication recorder() {
        return new RecordingApplication(false, null);
    }

    @Override
    public ChannelHandler create(ConnectionInfo info) {
        return new Handler(info, echo, greeting, handlers);
    }

    /** The next connection's handler once it is in its pipeline, waiting up to 5 s for it. */
    public Handler nextHandler() throws InterruptedException {
        Handler handler = handlers.poll(5, TimeUnit.SECONDS);
        if (handler == null) {
            throw new AssertionError("no connection reached the application within 5 s");
        }
        return handler;
    }

    /** Records what one connection's application sees. */
    public static final class Handler extends ChannelInboundHandlerAdapter {
        public final ConnectionInfo info;
        public final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        public final List<ConnectionException> terminations = new CopyOnWriteArrayList<>();
        public final CompletableFuture<ConnectionException> terminated = new CompletableFuture<>();
        public final CompletableFuture<Void> inactive = new CompletableFuture<>();
        private final boolean echo;
        private final byte[] greeting;
        private final BlockingQueue<Handler> added;
        public volatile ChannelHandlerContext ctx;

        Handler(ConnectionInfo info, boolean echo, byte[] greeting, BlockingQueue<Handler> added) {
            this.info = info;
            this.echo = echo;
            this.greeting = greeting;
            this.added = added;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            added.add(this);
            if (greeting != null) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(ctx.alloc().buffer().writeBytes(greeting)));
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) {
                    WebSocketFrame frame = (WebSocketFrame) msg;
                    received.add(ByteBufUtil.getBytes(frame.content()));
                    if (echo && msg instanceof BinaryWebSocketFrame) {
                        ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ConnectionTerminated terminatedEvent) {
                terminations.add(terminatedEvent.cause());
                terminated.complete(terminatedEvent.cause());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            inactive.complete(null);
            super.channelInactive(ctx);
        }

        /** Why the connection ended, waiting up to {@code seconds}. */
        public ConnectionException awaitTermination(long seconds) throws Exception {
            return terminated.get(seconds, TimeUnit.SECONDS);
        }

        public byte[] awaitMessage() throws InterruptedException {
            byte[] message = received.poll(5, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 5 s");
            }
            return message;
        }
    }
}
