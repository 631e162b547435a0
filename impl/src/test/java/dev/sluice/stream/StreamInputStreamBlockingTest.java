package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking reader: a thread waiting in read() is woken by data, the end, a reset and close,
 * and reads after close fail. Only the reading thread blocks; the embedded connection is driven
 * from the test thread alone (the reader never calls into it while blocked).
 */
class StreamInputStreamBlockingTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.defaults());
    private final ExecutorService readers = Executors.newSingleThreadExecutor();
    private volatile Thread readerThread;

    @AfterEach
    void tearDown() throws InterruptedException {
        readers.shutdownNow();
        assertThat(readers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        peer.close();
    }

    /** Starts {@code read} on the reader thread and returns once that thread waits inside it. */
    private <T> Future<T> blockedIn(Callable<T> read) throws InterruptedException {
        Future<T> f = readers.submit(() -> {
            readerThread = Thread.currentThread();
            return read.call();
        });
        StreamTestSupport.await("the reader to wait for data", 5_000, () -> {
            Thread t = readerThread;
            return t != null && t.getState() == Thread.State.WAITING;
        });
        return f;
    }

    private static Throwable failure(Future<?> f) throws InterruptedException {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the reader was not woken", e);
        }
        throw new AssertionError("the read did not fail");
    }

    @Test
    void aWaitingReaderIsWokenByData() throws Exception {
        InputStream in = peer.open(1, 100).inputStream();
        Future<Integer> read = blockedIn(in::read);
        peer.data(1, new byte[] {(byte) 0xff, 7});
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(255);
        assertThat(in.available()).isEqualTo(1);
        assertThat(in.read()).isEqualTo(7);
        assertThat(in.available()).isZero();
    }

    @Test
    void aWaitingReaderIsWokenByTheEnd() throws Exception {
        InputStream in = peer.open(1, 100).inputStream();
        Future<Integer> read = blockedIn(() -> in.read(new byte[4], 0, 4));
        peer.fin(1);
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aWaitingReaderIsWokenByAResetAndGetsIt() throws Exception {
        InputStream in = peer.open(1, 100).inputStream();
        Future<Integer> read = blockedIn(in::read);
        peer.reset(1, 12);
        assertThat(failure(read)).isInstanceOf(StreamResetException.class);
        assertThatThrownBy(in::read).isInstanceOf(StreamResetException.class);
    }

    @Test
    void aWaitingReaderIsWokenByCloseAndThePeerIsStopped() throws Exception {
        InputStream in = peer.open(1, 100).inputStream();
        Future<Integer> read = blockedIn(in::read);
        in.close();
        assertThat(failure(read)).isInstanceOf(IOException.class).hasMessage("stream 1: input stream closed");
        assertThat(peer.frames()).containsExactly("STOP 1 0");
        in.close();
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void closeReleasesWhatWasReadyAndReadsAfterItFail() throws IOException {
        InputStream in = peer.open(1, 100).inputStream();
        peer.data(1, new byte[] {1, 2, 3});
        assertThat(in.available()).isEqualTo(3);
        in.close();
        assertThat(in.available()).isZero();
        assertThatThrownBy(in::read).hasMessage("stream 1: input stream closed");
        assertThat(in.read(new byte[1], 0, 0)).isZero();
    }

    @Test
    void closeAfterTheEndSendsNoStop() throws IOException {
        InputStream in = peer.open(1, 100).inputStream();
        peer.fin(1);
        assertThat(in.read()).isEqualTo(-1);
        in.close();
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void closeAfterAResetSendsNoStop() throws IOException {
        InputStream in = peer.open(1, 100).inputStream();
        peer.reset(1, 3);
        in.close();
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void readsOneBufferAtATimeAndAsksForTheNextWhenOneIsUsedUp() throws IOException {
        InputStream in = peer.open(1, 100).inputStream();
        peer.data(1, "ab");
        peer.data(1, "cd");
        byte[] b = new byte[8];
        assertThat(in.read(b, 0, 8)).isEqualTo(2);
        assertThat(in.available()).isEqualTo(2);
        assertThat(in.read(b, 2, 1)).isEqualTo(1);
        assertThat(in.read(b, 3, 5)).isEqualTo(1);
        assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abcd");
    }

    @Test
    void anInterruptedReaderStopsWaitingAndKeepsItsInterrupt() {
        InputStream in = peer.open(1, 100).inputStream();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(in::read).isInstanceOf(InterruptedIOException.class)
                    .hasMessage("interrupted while reading stream 1");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
