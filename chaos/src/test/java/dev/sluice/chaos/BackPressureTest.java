package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A receiver that stops reading stops the sender: the proxy does not buffer without bound. */
class BackPressureTest {
    private static final long WRITE_LIMIT = 256L << 20;
    /** Kernel socket buffers on loopback can auto-tune to a few MB each; four of them sit on the path. */
    private static final long STALL_BOUND = 48L << 20;

    @Test
    void aServerThatNeverReadsStallsTheClient() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer deaf = new LoopbackServer(socket -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ChaosConfig config = ChaosConfig.builder().port(0).linkWaterMarks(64 << 10, 256 << 10).build();
        try (ProxyFixture fixture = new ProxyFixture(deaf, config); TestClient client = fixture.connect()) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 << 10];
                try {
                    OutputStream out = client.socket().getOutputStream();
                    while (written.get() < WRITE_LIMIT) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // The test closes the socket to stop a stalled writer.
                }
            });

            awaitStall(written);

            assertThat(written.get()).isLessThan(STALL_BOUND);
            assertThat(writer).isNotDone();
            release.countDown();
            client.socket().close();
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the written count stops growing for half a second, within a 20 s deadline. */
    private static void awaitStall(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer never stalled; " + written.get() + " bytes accepted");
    }
}
