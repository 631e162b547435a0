package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The liveness handler's write stall clock on a frozen event-loop clock: only an unbroken stall fails the connection. */
class WriteStallHandlerTest {
    private final List<Throwable> failures = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new LivenessHandler(ConnectionConfig.builder()
                .keepAliveInterval(Duration.ZERO).keepAliveTimeout(Duration.ZERO) // the write stall alone
                .writeStallTimeout(Duration.ofMillis(1000))
                .build()));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }
        });
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** User-defined writability flips isWritable and fires channelWritabilityChanged, like the watermarks. */
    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    @Test
    void aWritableChannelNeverFails() {
        advance(5000);
        assertThat(failures).isEmpty();
    }

    @Test
    void stallsBrokenByWritablePeriodsDoNotAddUp() {
        for (int i = 0; i < 5; i++) {
            writable(false);
            advance(900);
            writable(true);
            advance(100);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anUnbrokenStallFailsOnceSayingWhatWasAwaitedAndHowLong() {
        writable(false);
        advance(999);
        assertThat(failures).isEmpty();
        advance(1);
        advance(5000);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(WriteStallTimeoutException.class)
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageStartingWith("connection lost: peer read nothing for 1000 ms while ")
                .hasMessageEndingWith(" bytes waited to be written");
    }

    @Test
    void zeroDisablesTheCheck() {
        channel.pipeline().remove(LivenessHandler.class);
        channel.pipeline().addFirst(new LivenessHandler(ConnectionConfig.builder()
                .keepAliveInterval(Duration.ZERO).keepAliveTimeout(Duration.ZERO)
                .writeStallTimeout(Duration.ZERO).build()));
        writable(false);
        advance(60_000);
        assertThat(failures).isEmpty();
    }
}
