package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The blocking writer: what it gathers, when it sends, how FIN, timeouts and stream failures reach its caller. */
class StreamOutputStreamTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().maxDataFrameBytes(4)
            .writeTimeout(Duration.ofMillis(150)).build());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    @Test
    void bytesAreGatheredUntilFlushAndSentAsOneFrame() throws IOException {
        OutputStream out = peer.open(1, 100).outputStream();
        out.write('a');
        out.write(new byte[] {'x', 'b', 'c', 'y'}, 1, 2);
        assertThat(peer.frames()).isEmpty();

        out.flush();
        assertThat(peer.frames()).containsExactly("DATA 1 abc");
        out.flush();
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void aFullBufferIsSentBeforeTheNextByteIsGathered() throws IOException {
        OutputStream out = peer.open(1, 100).outputStream();
        for (char c : "abcd".toCharArray()) {
            out.write(c);
        }
        assertThat(peer.frames()).isEmpty();
        out.write('e');
        assertThat(peer.frames()).containsExactly("DATA 1 abcd");
        out.flush();
        assertThat(peer.frames()).containsExactly("DATA 1 e");
    }

    @Test
    void anArrayLargerThanTheBufferIsSentInBufferSizedFrames() throws IOException {
        OutputStream out = peer.open(1, 100).outputStream();
        out.write("abcdefghij".getBytes(StandardCharsets.US_ASCII));
        assertThat(peer.frames()).containsExactly("DATA 1 abcd", "DATA 1 efgh");
        out.write(new byte[0]);
        out.close();
        assertThat(peer.frames()).containsExactly("DATA 1 ij", "FIN 1");
    }

    @Test
    void closeFlushesThenSendsFinOnceAndLaterUseFails() throws IOException {
        SluiceStream stream = peer.open(1, 100);
        OutputStream out = stream.outputStream();
        out.write('z');
        out.close();
        assertThat(peer.frames()).containsExactly("DATA 1 z", "FIN 1");
        out.close();
        assertThat(peer.frames()).isEmpty();

        assertThatThrownBy(() -> out.write('q')).isInstanceOf(IOException.class)
                .hasMessage("stream 1: output stream closed");
        assertThatThrownBy(() -> out.write(new byte[] {1}, 0, 1)).hasMessage("stream 1: output stream closed");
        assertThatThrownBy(out::flush).hasMessage("stream 1: output stream closed");
    }

    @Test
    void aWriteTheCreditDoesNotCoverTimesOutWithTheReason() throws IOException {
        OutputStream out = peer.open(1, 2).outputStream();
        out.write("abc".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(out::flush).isInstanceOf(InterruptedIOException.class)
                .hasMessage("stream 1: a write was not accepted within 150 ms (StreamConfig.writeTimeout): the peer"
                        + " grants no credit or the socket is stalled");
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
    }

    @Test
    void aStreamFailureIsThrownAsItself() throws IOException {
        OutputStream out = peer.open(1, 100).outputStream();
        peer.stop(1, 7);
        assertThat(peer.frames()).containsExactly("RESET 1 7");
        out.write('a');

        assertThatThrownBy(out::flush).isInstanceOf(StreamStoppedException.class)
                .hasMessage("stream 1: the peer stopped reading with code 7");
    }

    @Test
    void aFailureThatIsNoIOExceptionIsWrappedWithItsMessage() throws IOException {
        SluiceStream stream = peer.open(1, 100);
        stream.closeWrite();
        assertThat(peer.frames()).containsExactly("FIN 1");
        OutputStream out = stream.outputStream();
        out.write('a');

        assertThatThrownBy(out::flush).isInstanceOf(IOException.class)
                .hasMessage("stream 1: write side already closed (closeWrite was called)")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInterruptedWriterStopsWaitingAndKeepsItsInterrupt() throws IOException {
        OutputStream out = peer.open(1, 1).outputStream();
        out.write("ab".getBytes(StandardCharsets.US_ASCII));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(out::flush).isInstanceOf(InterruptedIOException.class)
                    .hasMessage("interrupted while writing stream 1");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anArrayAfterASingleByteFillsOnlyTheRestOfTheBuffer() throws IOException {
        OutputStream out = peer.open(1, 100).outputStream();
        out.write('a');
        out.write("bcdef".getBytes(StandardCharsets.US_ASCII));
        assertThat(peer.frames()).containsExactly("DATA 1 abcd");
        out.flush();
        assertThat(peer.frames()).containsExactly("DATA 1 ef");
    }

    @Test
    void closeFailsWhenTheFinCannotBeSent() {
        OutputStream out = peer.open(1, 100).outputStream();
        peer.stop(1, 6);
        assertThatThrownBy(out::close).isInstanceOf(StreamStoppedException.class)
                .hasMessage("stream 1: the peer stopped reading with code 6");
    }
}
