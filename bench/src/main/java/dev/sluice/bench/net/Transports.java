package dev.sluice.bench.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;

/**
 * The socket transport every benchmark target uses, chosen once per JVM so that the controls
 * and Sluice run on the same I/O layer. {@code -Dsluice.bench.transport=nio|epoll} overrides the
 * default (epoll when the native library loads, else NIO).
 */
public enum Transports {
    NIO,
    EPOLL;

    public static final String PROPERTY = "sluice.bench.transport";

    /** The transport for this JVM. */
    public static Transports current() {
        String chosen = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        switch (chosen) {
            case "":
                return Epoll.isAvailable() ? EPOLL : NIO;
            case "nio":
                return NIO;
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=epoll but epoll is unavailable: "
                            + Epoll.unavailabilityCause());
                }
                return EPOLL;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be nio or epoll, not '" + chosen + "'");
        }
    }

    public EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> clientChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
