package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Toxiproxy's ordering check: writes arrive intact and in order while a toxic comes and goes. */
class LiveToxicOrderingTest {
    private static final int WRITES = 65_535;
    private static final long DEADLINE_MILLIS = 60_000;

    @Test
    void orderedWritesSurviveALatencyToxicAddedAndRemovedInALoop() throws Exception {
        try (ProxyFixture fixture = ProxyFixture.echo(); TestClient client = fixture.connectWarm()) {
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readInOrder(client, received));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeSequence(client));

            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
            int cycles = 0;
            while (!reader.isDone() && System.nanoTime() < deadline) {
                fixture.proxy.toxics().latency("flapping", ToxicDirection.DOWNSTREAM, 1000);
                fixture.proxy.toxics().get("flapping").remove();
                cycles++;
            }

            writer.get(5, TimeUnit.SECONDS);
            reader.get(5, TimeUnit.SECONDS);
            assertThat(received.get()).isEqualTo(WRITES);
            assertThat(cycles).isPositive();
        }
    }

    private static void writeSequence(TestClient client) {
        try {
            for (int i = 0; i < WRITES; i++) {
                client.send(new byte[] {(byte) (i >>> 8), (byte) i});
            }
        } catch (IOException e) {
            throw new IllegalStateException("write failed", e);
        }
    }

    private static void readInOrder(TestClient client, AtomicInteger received) {
        try {
            DataInputStream in = new DataInputStream(client.input());
            for (int i = 0; i < WRITES; i++) {
                int value = in.readUnsignedShort();
                if (value != i) {
                    throw new AssertionError("expected " + i + " but read " + value);
                }
                received.incrementAndGet();
            }
        } catch (IOException e) {
            throw new IllegalStateException("read failed after " + received.get() + " values", e);
        }
    }
}
