package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gigabyte through one connection. The paranoid leak detector records a stack trace on every
 * 8-byte access of the RFC 6455 masking loop, which makes this volume take many minutes, so this
 * class runs with the simple detector (still reporting leaks); the other tests keep paranoid.
 */
class ManyStreamsTest {
    private static final int STREAMS = 1000;
    private static final int BYTES_PER_STREAM = 1 << 20;
    private static final int CHUNK = 64 * 1024;
    private static ResourceLeakDetector.Level previousLevel;

    private LocalMuxPair pair;

    @BeforeAll
    static void simpleLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void thousandConcurrentStreamsOfOneMebibyteEachArriveWithMatchingDigests() throws Exception {
        StreamConfig config = StreamConfig.builder().receiveWindow(64 * 1024).build();
        pair = new LocalMuxPair(config, config, ManyStreamsTest::replyWithDigest, StreamHandler.CANCEL_ALL);
        byte[] source = StreamTestSupport.randomBytes(42, BYTES_PER_STREAM + STREAMS);
        long start = System.nanoTime();
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            SluiceStream s = pair.client.openStream();
            replies.add(StreamTestSupport.readAll(s));
            written.add(writeSlice(s, source, i));
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%d streams x %d bytes delivered and digested in %d ms%n", STREAMS, BYTES_PER_STREAM, millis);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < STREAMS; i++) {
            sha.update(source, i, BYTES_PER_STREAM);
            assertThat(replies.get(i).get()).as("digest of stream %d", 2 * i + 1).isEqualTo(sha.digest());
        }
        StreamTestSupport.await("every stream closed on both sides", 10_000,
                () -> pair.client.openStreamCount() == 0 && pair.server.openStreamCount() == 0);
    }

    /** Reads the whole stream, then writes its SHA-256 back and closes. */
    private static void replyWithDigest(SluiceStream s, dev.sluice.connection.ConnectionInfo info) {
        DigestingReader reader = new DigestingReader();
        s.reads().subscribe(reader);
        reader.digest.thenAccept(d -> s.write(ByteBuffer.wrap(d)).thenCompose(v -> s.closeWrite()));
    }

    /** Stream i carries source[i, i + BYTES_PER_STREAM), written in chunks, then FIN. */
    private static CompletableFuture<Void> writeSlice(SluiceStream s, byte[] source, int i) {
        CompletableFuture<Void> last = null;
        for (int off = 0; off < BYTES_PER_STREAM; off += CHUNK) {
            last = s.write(ByteBuffer.wrap(source, i + off, Math.min(CHUNK, BYTES_PER_STREAM - off)))
                    .toCompletableFuture();
        }
        return last.thenCompose(v -> s.closeWrite()).toCompletableFuture();
    }
}
