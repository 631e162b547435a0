package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.sluice.testsupport.PropertyRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Over an in-memory WebSocket pair: any set of streams, any sizes, any reader speeds on both
 * sides; every byte arrives in order exactly once both ways (the server echoes at its own pace),
 * and no reader ever holds more than its window buffered.
 */
class EndToEndProperties {
    private static ScheduledExecutorService clock;

    /** One stream: bytes the client writes, and how fast each side reads. */
    record StreamSpec(int size, int clientBatch, int clientDelayMicros, int serverBatch, int serverDelayMicros) {
    }

    @BeforeAll
    static void startClock() {
        clock = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopClock() {
        clock.shutdownNow();
    }

    /** Each try runs real threads for up to seconds: a failure shrinks a few dozen times, not thousands. */
    private static final int SHRINK_CYCLES = 40;

    @Test
    void everyByteArrivesInOrderAndNoReaderBuffersBeyondItsWindow() {
        PropertyRuns.tries(40).withShrinkCycles(SHRINK_CYCLES)
                .forAll(streams(), integers().between(512, 32 * 1024))
                .checkAssert((specs, window) -> {
                    try {
                        echoesEveryStream(specs, window);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static void echoesEveryStream(List<StreamSpec> specs, int window) throws Exception {
        StreamConfig config = StreamConfig.builder().receiveWindow(window).maxReceiveWindow(window)
                .maxDataFrameBytes(4096).build();
        AtomicLong worstBuffered = new AtomicLong();
        StreamHandler pacedEcho = (s, info) -> {
            StreamSpec spec = specs.get((s.id() - 1) / 2);
            MuxStream stream = (MuxStream) s;
            PacedReader reader = new PacedReader(spec.serverBatch(), spec.serverDelayMicros(), clock, buf -> {
                worstBuffered.accumulateAndGet(stream.receiveBuffered(), Math::max);
                s.write(buf);
            });
            reader.done.whenComplete((n, e) -> {
                if (e == null) {
                    s.closeWrite();
                } else {
                    s.abortWrite(1);
                }
            });
            s.reads().subscribe(reader);
        };
        try (LocalMuxPair pair = new LocalMuxPair(config, config, pacedEcho, StreamHandler.CANCEL_ALL)) {
            List<CompletableFuture<Long>> echoes = new ArrayList<>();
            for (StreamSpec spec : specs) {
                MuxStream s = (MuxStream) pair.client.openStream();
                byte[] data = StreamTestSupport.randomBytes(s.id(), spec.size());
                AtomicLong offset = new AtomicLong();
                PacedReader reader = new PacedReader(spec.clientBatch(), spec.clientDelayMicros(), clock, buf -> {
                    worstBuffered.accumulateAndGet(s.receiveBuffered(), Math::max);
                    while (buf.hasRemaining()) {
                        long at = offset.getAndIncrement();
                        if (at >= data.length || buf.get() != data[(int) at]) {
                            throw new AssertionError("stream " + s.id() + ": wrong or extra byte at " + at);
                        }
                    }
                });
                s.reads().subscribe(reader);
                echoes.add(reader.done);
                StreamTestSupport.writeAll(s, data, 1 + spec.size() / 3);
            }
            for (int i = 0; i < specs.size(); i++) {
                assertThat(echoes.get(i).get(30, TimeUnit.SECONDS)).as("stream %d echoed in full", 2 * i + 1)
                        .isEqualTo((long) specs.get(i).size());
            }
        }
        assertThat(worstBuffered.get()).as("bytes a reader held buffered").isLessThanOrEqualTo(window);
    }

    private static Gen<List<StreamSpec>> streams() {
        Gen<Integer> sizes = Generate.oneOf(arbitrary().pick(0, 1, 4096, 4097), integers().between(0, 60_000));
        Gen<Integer> batches = integers().between(1, 4);
        Gen<Integer> delays = arbitrary().pick(0, 0, 50, 300);
        return lists().of(sizes.zip(batches, delays, batches, delays, StreamSpec::new)).ofSizeBetween(1, 6);
    }
}
