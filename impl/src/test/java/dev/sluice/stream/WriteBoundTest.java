package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionException;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A writer that never waits, against a peer that never reads: the stream holds at most its bound
 * of unsent bytes (plus the peer's window in flight), later writes are refused with a
 * {@link WriteBoundExceededException}, and every write ends one way or the other, none silently.
 */
class WriteBoundTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static final long TOTAL = 1L << 30;
    private static final int CHUNK = 64 * 1024;
    private static final long BOUND = 4L * 1024 * 1024;
    private static final int WINDOW = 256 * 1024;

    @RegisterExtension
    static final LoopbackFixture net = LoopbackFixture.withSimpleLeakDetection();

    @Test
    void aGibibyteWrittenWithoutWaitingToAPeerThatNeverReadsStaysWithinTheBound() throws Exception {
        StreamHandler neverReads = (stream, info) -> {
        };
        SluiceServer server = net.startServer(IDENTITY, TlsProvider.AUTO, null, b -> b.streamHandler(neverReads));
        StreamConfig config = StreamConfig.builder().receiveWindow(WINDOW).maxUnsentWriteBytes(BOUND).build();
        SluiceClient client = net.startClient(TlsProvider.AUTO, null, b -> b.streams(config));
        StreamSession session = client.connectStreams("127.0.0.1", server.port(), IDENTITY.nodeId());
        SluiceStream stream = session.openStream();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        ByteBuffer chunk = ByteBuffer.wrap(StreamTestSupport.randomBytes(1, CHUNK)).asReadOnlyBuffer();
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        AtomicLong refused = new AtomicLong();
        long maxOutstanding = 0;
        for (long written = 0; written < TOTAL; written += CHUNK) {
            CompletableFuture<Void> stage = stream.write(chunk.duplicate()).toCompletableFuture();
            if (stage.isCompletedExceptionally()) {
                assertThat(causeOf(stage)).isInstanceOf(WriteBoundExceededException.class)
                        .hasMessageContaining("maxUnsentWriteBytes");
                refused.incrementAndGet();
            } else {
                accepted.add(stage);
            }
            maxOutstanding = Math.max(maxOutstanding, stream.outstandingWriteBytes());
        }
        System.gc();
        long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        System.out.printf("1 GiB written without waiting: %d writes accepted, %d refused, at most %d bytes"
                + " outstanding, heap grew by %d bytes%n", accepted.size(), refused.get(), maxOutstanding, heapGrowth);

        assertThat(refused.get()).as("writes refused once the bound was reached").isGreaterThan(0);
        assertThat((long) accepted.size() * CHUNK).as("bytes accepted")
                .isLessThanOrEqualTo(BOUND + CHUNK + WINDOW + CHUNK);
        assertThat(maxOutstanding).as("bytes queued plus in flight").isLessThanOrEqualTo(BOUND + CHUNK + WINDOW);
        assertThat(heapGrowth).as("heap growth").isLessThan(64L * 1024 * 1024);
        assertThat(stream.isWritable()).isFalse();

        // nothing is dropped silently: what the peer's window let out completed, the rest fails with the connection
        session.stopNow().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long completed = 0;
        long failed = 0;
        for (CompletableFuture<Void> stage : accepted) {
            try {
                stage.get(10, TimeUnit.SECONDS);
                completed++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConnectionException.class);
                failed++;
            }
        }
        assertThat(completed + failed).isEqualTo(accepted.size());
        assertThat(completed * CHUNK).as("bytes that went out").isLessThanOrEqualTo(WINDOW + CHUNK);
        assertThat(failed).as("queued writes failed with the connection").isGreaterThan(0);
        assertThat(stream.whenWritable().toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
    }

    private static Throwable causeOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
