package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While the channel is unwritable, DATA and FIN wait for sending turns; when it becomes writable the
 * turns go out in order, and a stream whose last frame went out in such a turn closes then.
 */
class WritabilityTurnsTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().maxDataFrameBytes(4).build());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    @Test
    void writesWaitWhileUnwritableAndGoOutWhenWritableAgain() {
        SluiceStream s = peer.open(1, 100);
        peer.writable(false);
        CompletableFuture<Void> written = s.write(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII))
                .toCompletableFuture();
        CompletableFuture<Void> fin = s.closeWrite().toCompletableFuture();
        assertThat(peer.frames()).isEmpty();
        assertThat(written).isNotDone();

        peer.writable(true);
        assertThat(peer.frames()).containsExactly("DATA 1 abcd", "DATA 1 ef", "FIN 1");
        assertThat(written).isCompleted();
        assertThat(fin).isCompleted();
    }

    @Test
    void aStreamWhoseFinWentOutInALaterTurnClosesThen() {
        SluiceStream s = peer.open(1, 100);
        peer.fin(1);
        s.byteBufReads().subscribe(new RecordingReader());
        peer.writable(false);
        s.closeWrite();
        assertThat(s.closeFuture().toCompletableFuture()).isNotDone();

        peer.writable(true);
        assertThat(peer.frames()).containsExactly("FIN 1");
        assertThat(s.closeFuture().toCompletableFuture()).isCompleted();
        assertThat(peer.mux.openStreamCount()).isZero();
    }

    @Test
    void twoStreamsTakeTurnsOneFrameEach() {
        SluiceStream a = peer.open(1, 100);
        SluiceStream b = peer.open(3, 100);
        peer.writable(false);
        a.write(Unpooled.copiedBuffer("aaaaaaaa", StandardCharsets.US_ASCII));
        b.write(Unpooled.copiedBuffer("bbbbbbbb", StandardCharsets.US_ASCII));
        peer.writable(true);
        assertThat(peer.frames()).containsExactly("DATA 1 aaaa", "DATA 3 bbbb", "DATA 1 aaaa", "DATA 3 bbbb");
    }
}
