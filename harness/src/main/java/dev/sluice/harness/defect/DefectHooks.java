package dev.sluice.harness.defect;

import dev.sluice.connection.ConnectionStages;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.server.ServerListener;
import dev.sluice.stream.StreamHooks;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One deliberate defect, put into a server through the transport's test seams: the stream layer's
 * {@link StreamHooks} and, for {@link Defect#NO_PONG}, the pipeline of each new connection. Armed
 * only with both an explicit request and the consent variable in the environment, so no
 * configuration typo can break a real server.
 */
public final class DefectHooks implements StreamHooks {
    /** The environment variable that must hold {@link #CONSENT} for any defect to be armed. */
    public static final String CONSENT_ENV = "SLUICE_ENABLE_DEFECTS";
    public static final String CONSENT = "I_UNDERSTAND";
    /**
     * Defects that hit "one frame in N" hit every N-th frame. Small enough that the gate's
     * shortest workloads, a few dozen data frames, meet it more than once.
     */
    public static final int ONE_IN = 8;

    private final Defect defect;
    private final AtomicLong dataFramesSeen = new AtomicLong();

    private DefectHooks(Defect defect) {
        this.defect = defect;
    }

    /**
     * Arms {@code defect}.
     *
     * @throws IllegalStateException when {@code environment} does not carry the consent variable
     */
    public static DefectHooks arm(Defect defect, Map<String, String> environment) {
        if (!CONSENT.equals(environment.get(CONSENT_ENV))) {
            throw new IllegalStateException("defect " + defect.label() + " refused: set " + CONSENT_ENV + "=" + CONSENT
                    + " to break this server on purpose");
        }
        return new DefectHooks(defect);
    }

    public Defect defect() {
        return defect;
    }

    @Override
    public boolean dropInboundData(int streamId, ByteBuf payload) {
        return defect == Defect.DROP_DATA_FRAME && dataFramesSeen.incrementAndGet() % ONE_IN == 0;
    }

    @Override
    public void outboundData(int streamId, ByteBuf payload) {
        if (defect == Defect.CORRUPT_BYTE && payload.isReadable() && dataFramesSeen.incrementAndGet() % ONE_IN == 0) {
            int victim = payload.readerIndex() + payload.readableBytes() / 2;
            payload.setByte(victim, payload.getByte(victim) ^ 0x20);
        }
    }

    @Override
    public boolean ignoreCredit() {
        return defect == Defect.IGNORE_CREDIT;
    }

    @Override
    public boolean sendFin(int streamId) {
        return defect != Defect.NO_FIN;
    }

    @Override
    public boolean endReaderOnReset(int streamId) {
        return defect != Defect.LEAK_STREAM_ON_RESET;
    }

    /** What the server's listener must do to each new connection for this defect (NO_PONG: go deaf to pings). */
    public ServerListener connectionDefect(ServerListener next) {
        if (defect != Defect.NO_PONG) {
            return next;
        }
        return new ServerListener() {
            @Override
            public void opened(SluiceConnection connection) {
                // the server tells its listener before it installs the connection's stages: change
                // the pipeline in the next task, once they are in place
                connection.channel().eventLoop().execute(() -> goDeaf(connection.channel().pipeline()));
                next.opened(connection);
            }

            @Override
            public void closed(SluiceConnection connection, dev.sluice.connection.ConnectionException cause) {
                next.closed(connection, cause);
            }
        };
    }

    private static void goDeaf(ChannelPipeline pipeline) {
        if (pipeline.get(ConnectionStages.CONNECTION) == null) {
            return; // closed already
        }
        if (pipeline.get(ConnectionStages.LIVENESS) != null) {
            pipeline.remove(ConnectionStages.LIVENESS);
        }
        pipeline.addBefore(ConnectionStages.CONNECTION, "defect-no-pong", new PingSwallower());
    }

    /** Drops every ping before the connection owner can answer it. */
    @ChannelHandler.Sharable
    private static final class PingSwallower extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof PingWebSocketFrame ping) {
                ping.release();
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }
}
