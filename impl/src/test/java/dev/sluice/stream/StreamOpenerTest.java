package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opens that the caller gave up on must not leave streams open that nobody owns. */
class StreamOpenerTest {
    private LocalMuxPair pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aBlockingOpenThatTimedOutLeavesNoStreamBehind() throws Exception {
        StreamConfig config = StreamConfig.builder().openTimeout(Duration.ofMillis(200)).build();
        pair = new LocalMuxPair(config, StreamConfig.defaults(), EchoHandler.INSTANCE, StreamHandler.CANCEL_ALL);
        CountDownLatch release = new CountDownLatch(1);
        pair.client.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThatThrownBy(() -> pair.client.openStream()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot open a stream: the connection's event loop did not answer within 200 ms");
        } finally {
            release.countDown();
        }
        assertNoStreamLeftOpen();
    }

    @Test
    void anAsyncOpenCancelledByTheCallerLeavesNoStreamBehind() throws Exception {
        pair = LocalMuxPair.echo(StreamConfig.defaults());
        CountDownLatch release = new CountDownLatch(1);
        pair.client.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<SluiceStream> opening = pair.client.openStreamAsync().toCompletableFuture();
        opening.cancel(false);
        release.countDown();
        assertNoStreamLeftOpen();
    }

    private void assertNoStreamLeftOpen() throws Exception {
        // an open that went through after all shows up on the server; a later open proves the order
        // (asynchronous with a generous deadline: the first test's 200 ms open timeout is for the blocked open only)
        SluiceStream later = pair.client.openStreamAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
        StreamTestSupport.writeAll(later, new byte[] {1}, 1);
        assertThat(StreamTestSupport.readAll(later).get(5, TimeUnit.SECONDS)).containsExactly(1);
        StreamTestSupport.await("no stream open on either side", 5_000,
                () -> pair.client.openStreamCount() == 0 && pair.server.openStreamCount() == 0);
    }
}
