package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.KeepAliveTimeoutException;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.websocket.RawWebSocket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer that upgrades and then neither reads nor sends: the server's application writes only
 * while the channel is writable, so what the server buffers stays within the high watermark plus
 * one message, and the keep-alive ends the connection (its pings get no answer).
 */
class NeverReadingPeerTest {
    private static final int MESSAGE = 16 * 1024;
    private static final int HIGH_WATER_MARK = 64 * 1024;
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    @Test
    void bufferedBytesStayWithinTheWatermarkAndTheKeepAliveEndsTheConnection() throws Exception {
        MeasuringFirehose firehose = new MeasuringFirehose();
        ConnectionConfig connection = Loopback.FAST.toBuilder()
                .keepAliveInterval(Duration.ofMillis(500))
                .keepAliveTimeout(KEEP_ALIVE_TIMEOUT)
                .writeBufferWaterMarks(HIGH_WATER_MARK / 2, HIGH_WATER_MARK)
                .build();
        SluiceServer server = firehose.startServer(net, connection);
        long started = System.nanoTime();
        try (RawWebSocket silent = RawWebSocket.connect(server.localAddress(), "/sluice")) {
            ConnectionException cause = firehose.terminated.get(30, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("never-reading peer: ended after " + millis + " ms by " + cause.getMessage() + "; "
                    + firehose.written.get() + " bytes written, at most " + firehose.maxPending.get()
                    + " bytes buffered in the channel");
            assertThat(cause).isInstanceOf(KeepAliveTimeoutException.class);
            assertThat(firehose.written.get()).as("bytes the application got to write").isGreaterThan(HIGH_WATER_MARK);
            assertThat(firehose.maxPending.get()).as("bytes buffered in the channel")
                    .isLessThanOrEqualTo(HIGH_WATER_MARK + MESSAGE + 1024);
        }
        Await.until("the server forgets the connection", Duration.ofSeconds(10), () -> server.connectionCount() == 0);
    }

    /** Writes messages while the channel is writable and records the most bytes ever buffered. */
    private static final class MeasuringFirehose extends Firehose {
        final AtomicLong written = new AtomicLong();
        final AtomicLong maxPending = new AtomicLong();

        @Override
        void fill(ChannelHandlerContext ctx) {
            while (!terminated.isDone() && ctx.channel().isActive() && ctx.channel().isWritable()) {
                if (!writeMessage(ctx, MESSAGE)) {
                    return; // the connection is closing: writes fail without filling any buffer
                }
                written.addAndGet(MESSAGE);
                ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
                if (pending != null) {
                    maxPending.accumulateAndGet(pending.totalPendingWriteBytes(), Math::max);
                }
            }
        }
    }
}
