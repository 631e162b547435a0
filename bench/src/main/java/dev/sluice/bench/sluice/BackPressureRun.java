package dev.sluice.bench.sluice;

import dev.sluice.bench.load.HeapProbe;
import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.Streams;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer that writes one frame-sized buffer after another as fast as its write futures allow,
 * to a reader on the other end of a real loopback TLS connection that takes one chunk per tick.
 * Samples the writer's outstanding bytes every millisecond and after every write.
 */
public final class BackPressureRun {
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(4);
    /** One 16 KiB chunk every 8 ms: about 2 MiB/s, far below what the producer could write. */
    public static final long DEFAULT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(8);
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private BackPressureRun() {
    }

    public static BackPressureResult run(Duration duration, long tickNanos) throws Exception {
        StreamConfig streams = StreamConfig.defaults();
        int frame = streams.maxDataFrameBytes();
        ByteBuffer chunk = ByteBuffer.allocateDirect(frame).asReadOnlyBuffer();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "backpressure-ticker");
            t.setDaemon(true);
            return t;
        });
        SlowConsumer consumer = new SlowConsumer(ticker, tickNanos);
        SluiceServer server = SluiceServer.start(ServerConfig.builder()
                .identity(NodeIdentity.generate())
                .workerThreads(1)
                .streamHandler(consumer, streams)
                .build());
        SluiceClient client = SluiceClient.create(ClientConfig.builder()
                .threads(1)
                .streams(streams)
                .build());
        try {
            SluiceConnection connection = client.connect("127.0.0.1", server.port(), server.nodeId())
                    .get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            SluiceStream stream = Streams.session(connection).openStreamAsync()
                    .toCompletableFuture().get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            AtomicLong peak = new AtomicLong();
            ticker.scheduleAtFixedRate(() -> peak.accumulateAndGet(stream.outstandingWriteBytes(), Math::max),
                    SAMPLE_NANOS, SAMPLE_NANOS, TimeUnit.NANOSECONDS);
            HeapProbe start = HeapProbe.afterGc();
            long began = System.nanoTime();
            long third = began + duration.toNanos() / 3;
            long end = began + duration.toNanos();
            HeapProbe atThird = null;
            long produced = 0;
            long stallNanos = 0;
            while (System.nanoTime() < end) {
                if (atThird == null && System.nanoTime() >= third) {
                    atThird = HeapProbe.afterGc();
                }
                CompletableFuture<Void> written = stream.write(chunk.duplicate()).toCompletableFuture();
                peak.accumulateAndGet(stream.outstandingWriteBytes(), Math::max);
                long waitFrom = System.nanoTime();
                try {
                    written.get(Math.max(1, end - waitFrom), TimeUnit.NANOSECONDS);
                    produced += frame;
                } catch (TimeoutException e) {
                    stallNanos += System.nanoTime() - waitFrom;
                    break;
                }
                stallNanos += System.nanoTime() - waitFrom;
                peak.accumulateAndGet(stream.outstandingWriteBytes(), Math::max);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            HeapProbe atEnd = HeapProbe.afterGc();
            consumer.stop();
            if (atThird == null) {
                atThird = atEnd;
            }
            long limit = (long) streams.receiveWindow() + frame;
            long consumed = consumer.consumedBytes();
            connection.abort();
            return new BackPressureResult(streams.receiveWindow(), frame, limit, peak.get(), peak.get() <= limit,
                    produced, consumed, seconds, consumed / seconds, stallNanos / 1e6, stallNanos / 1e9 / seconds,
                    start.heapUsedBytes(), atThird.heapUsedBytes(), atEnd.heapUsedBytes(),
                    atEnd.heapUsedBytes() - atThird.heapUsedBytes());
        } finally {
            ticker.shutdownNow();
            client.close();
            server.stopNow();
        }
    }
}
