package dev.sluice.websocket;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionStages;
import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Embedded channels carrying the post-upgrade stages of a server connection, exactly as
 * {@link ConnectionStages#install} builds them, and what they wrote, for tests.
 */
public final class StrictPipelines {
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 443);
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);

    private StrictPipelines() {
    }

    /** A server-side connection with {@code application} as its application handler. */
    public static EmbeddedChannel server(ChannelHandler application, ConnectionConfig config) {
        EmbeddedChannel channel = new EmbeddedChannel();
        // An embedded channel has no parent server channel: say "server side" explicitly first.
        StrictWebSocketStages.install(channel.pipeline(), ConnectionStages.limits(config), true);
        ConnectionInfo info = new ConnectionInfo(LOCAL, REMOTE, List.of(), Optional.empty(), "none", "none",
                StreamProtocol.SUBPROTOCOL);
        ConnectionStages.install(channel, config, info, ignored -> application);
        return channel;
    }

    /**
     * Lets the time pass after which a connection that sent a violation's close frame, and lingers
     * for the peer to close, closes TCP itself: the peer here sends nothing more.
     */
    public static void lingerOut(EmbeddedChannel channel) {
        channel.advanceTimeBy(1, java.util.concurrent.TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
    }

    /** Drains the channel's outbound bytes and parses them as server frames. */
    public static List<WireFrames.Frame> sent(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) out;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.readBytes(chunk);
            buf.release();
            bytes.writeBytes(chunk);
        }
        return WireFrames.parse(bytes.toByteArray());
    }
}
