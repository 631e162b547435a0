package dev.sluice.testsupport;

import dev.sluice.connection.NettyTransport;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/** One boss and one worker group for a test class: cheaper than a group per server. Close in @AfterAll. */
public final class SharedEventLoops implements AutoCloseable {
    public final NettyTransport transport = NettyTransport.preferred();
    public final EventLoopGroup boss = transport.newEventLoopGroup(1);
    public final EventLoopGroup workers = transport.newEventLoopGroup(2);

    @Override
    public void close() {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
