package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

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

    @BeforeContainer
    static void startClock() {
        clock = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterContainer
    static void stopClock() {
        clock.shutdownNow();
    }

    @Property(tries = 40)
    void everyByteArrivesInOrderAndNoReaderBuffersBeyondItsWindow(@ForAll("streams") List<StreamSpec> specs,
            @ForAll @IntRange(min = 512, max = 32 * 1024) int window) throws Exception {
        StreamConfig config = StreamConfig.builder().receiveWindow(window).maxReceiveWindow(window).maxDataFrameBytes(4096).build();
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

    @Provide
    Arbitrary<List<StreamSpec>> streams() {
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.of(0, 1, 4096, 4097),
                Arbitraries.integers().between(0, 60_000));
        Arbitrary<Integer> batches = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> delays = Arbitraries.of(0, 0, 50, 300);
        return Combinators.combine(sizes, batches, delays, batches, delays).as(StreamSpec::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }
}
