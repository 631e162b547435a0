package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keep-alive clock on a frozen event-loop clock: exact, and no waiting. */
class KeepAliveHandlerTest {
    private final List<Throwable> failures = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new LivenessHandler(ConnectionConfig.builder()
                .keepAliveInterval(Duration.ofMillis(100))
                .keepAliveTimeout(Duration.ofMillis(1000))
                .build()));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void advance(long millis) {
        for (long step = 0; step < millis; step += 50) {
            channel.advanceTimeBy(50, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    private int pingsSent() {
        int pings = 0;
        for (Object out; (out = channel.readOutbound()) != null; ) {
            assertThat(out).isInstanceOf(PingWebSocketFrame.class);
            ReferenceCountUtil.release(out);
            pings++;
        }
        return pings;
    }

    @Test
    void aPingGoesOutEveryInterval() {
        advance(1000 - 50);
        assertThat(pingsSent()).isEqualTo(9);
    }

    @Test
    void silenceForTheTimeoutFailsTheConnectionSayingWhatWasAwaitedAndHowLong() {
        advance(950);
        assertThat(failures).isEmpty();
        advance(100);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOfSatisfying(KeepAliveTimeoutException.class,
                        e -> assertThat(e.waitedMillis()).isEqualTo(1000))
                .hasMessage("connection lost: no frame from the peer within the keep-alive timeout of 1000 ms "
                        + "(pinging every 100 ms, after 0 answered pings)");
    }

    @Test
    void anyInboundFrameCountsAsLifeNotOnlyPongs() {
        for (int i = 0; i < 5; i++) {
            advance(600);
            channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void pongsAreCountedInTheMessage() {
        channel.writeInbound(new PongWebSocketFrame());
        channel.writeInbound(new PongWebSocketFrame());
        advance(1100);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).hasMessageContaining("after 2 answered pings");
    }

    @Test
    void timeWithReadsPausedByThisSideCountsAsAlive() {
        channel.config().setAutoRead(false);
        advance(3000);
        assertThat(failures).isEmpty();
        channel.config().setAutoRead(true);
        advance(900);
        assertThat(failures).isEmpty();
        advance(300);
        assertThat(failures).singleElement().isInstanceOf(KeepAliveTimeoutException.class);
    }

    @Test
    void theTimeoutFiresOnceAndPingsStopAfterIt() {
        advance(1100);
        pingsSent();
        advance(2000);
        assertThat(failures).hasSize(1);
        assertThat(pingsSent()).isZero();
    }

    @Test
    void withPingsOffAReadPauseEndingJustBeforeACheckStillLeavesTheWholeTimeoutToHearThePeer() {
        EmbeddedChannel quiet = new EmbeddedChannel();
        quiet.freezeTime();
        List<Throwable> quietFailures = new ArrayList<>();
        quiet.pipeline().addLast(new LivenessHandler(ConnectionConfig.builder()
                .keepAliveInterval(Duration.ZERO)
                .keepAliveTimeout(Duration.ofMillis(1000))
                .build()));
        quiet.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                quietFailures.add(cause);
            }
        });
        try {
            advanceQuiet(quiet, 50);
            quiet.config().setAutoRead(false);
            advanceQuiet(quiet, 900);
            quiet.config().setAutoRead(true);
            advanceQuiet(quiet, 900);
            assertThat(quietFailures).as("reads resumed 900 ms ago").isEmpty();
            advanceQuiet(quiet, 200);
            assertThat(quietFailures).as("reads resumed 1100 ms ago")
                    .singleElement().isInstanceOf(KeepAliveTimeoutException.class);
        } finally {
            quiet.finishAndReleaseAll();
        }
    }

    private static void advanceQuiet(EmbeddedChannel quiet, long millis) {
        for (long step = 0; step < millis; step += 50) {
            quiet.advanceTimeBy(50, TimeUnit.MILLISECONDS);
            quiet.runScheduledPendingTasks();
        }
    }
}
