package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each event that can be a stream's last one must close it at once (closeFuture done, the stream
 * forgotten by its connection), and each event that lets data or a FIN move must send it at once.
 * On the embedded loop every call runs inline, so a missing wake-up shows as an open stream or a
 * missing frame right after the call.
 */
class MuxStreamWakeUpTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().maxDataFrameBytes(4).build());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    private SluiceStream openWithWriteSideDone() {
        SluiceStream s = peer.open(1, 100);
        assertThat(s.closeWrite().toCompletableFuture()).isCompleted();
        assertThat(peer.frames()).containsExactly("FIN 1");
        return s;
    }

    private void assertClosed(SluiceStream s) {
        assertThat(s.closeFuture().toCompletableFuture()).isCompleted();
        assertThat(peer.mux.openStreamCount()).isZero();
    }

    private void assertOpen(SluiceStream s) {
        assertThat(s.closeFuture().toCompletableFuture()).isNotDone();
        assertThat(peer.mux.openStreamCount()).isEqualTo(1);
    }

    @Test
    void thePeersFinReachingAWaitingReaderClosesTheStream() {
        SluiceStream s = openWithWriteSideDone();
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        reader.subscription.request(5);
        assertOpen(s);
        peer.fin(1);
        assertThat(reader.signals).containsExactly("end");
        assertClosed(s);
    }

    @Test
    void thePeersResetReachingAWaitingReaderClosesTheStream() {
        SluiceStream s = openWithWriteSideDone();
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        peer.reset(1, 6);
        assertThat(reader.error).isInstanceOf(StreamResetException.class);
        assertClosed(s);
    }

    @Test
    void subscribingAfterThePeersFinEndsTheReaderAndClosesTheStream() {
        SluiceStream s = openWithWriteSideDone();
        peer.fin(1);
        assertOpen(s);
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        assertThat(reader.signals).containsExactly("end");
        assertClosed(s);
    }

    @Test
    void demandForTheLastBufferedBytesClosesTheStream() {
        SluiceStream s = openWithWriteSideDone();
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        peer.data(1, "xy");
        peer.fin(1);
        assertThat(reader.signals).isEmpty();
        assertOpen(s);
        reader.subscription.request(1);
        assertThat(reader.signals).containsExactly("xy", "end");
        assertClosed(s);
    }

    @Test
    void cancellingTheSubscriptionAfterThePeersFinClosesTheStreamWithoutStop() {
        SluiceStream s = openWithWriteSideDone();
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        peer.data(1, "xy");
        peer.fin(1);
        reader.subscription.cancel();
        assertThat(peer.frames()).isEmpty();
        assertThat(reader.signals).isEmpty();
        assertClosed(s);
    }

    @Test
    void cancelReadAfterThePeersFinClosesTheStream() {
        SluiceStream s = openWithWriteSideDone();
        peer.data(1, "xy");
        peer.fin(1);
        s.cancelRead(3);
        assertThat(peer.frames()).isEmpty();
        assertClosed(s);
    }

    @Test
    void cancelReadBeforeThePeersEndSendsStopAndTellsTheReader() {
        SluiceStream s = openWithWriteSideDone();
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        s.cancelRead(3);
        assertThat(peer.frames()).containsExactly("STOP 1 3");
        assertThat(reader.error).isInstanceOf(StreamCancelledException.class)
                .hasMessage("stream 1: reading was cancelled by this side with code 3");
        assertOpen(s);
        peer.fin(1);
        assertClosed(s);
    }

    @Test
    void abortingTheWriteSideAfterTheReadSideEndedClosesTheStream() {
        SluiceStream s = peer.open(1, 100);
        peer.fin(1);
        s.byteBufReads().subscribe(new RecordingReader());
        assertOpen(s);
        s.abortWrite(8);
        assertThat(peer.frames()).containsExactly("RESET 1 8");
        assertClosed(s);
    }

    @Test
    void thePeersStopAfterTheReadSideEndedClosesTheStream() {
        SluiceStream s = peer.open(1, 100);
        peer.fin(1);
        s.byteBufReads().subscribe(new RecordingReader());
        peer.stop(1, 2);
        assertThat(peer.frames()).containsExactly("RESET 1 2");
        assertClosed(s);
    }

    @Test
    void closeSendsFinAtOnceAndClosesAStreamWhosePeerHadEnded() {
        SluiceStream s = peer.open(1, 100);
        peer.data(1, "unread");
        peer.fin(1);
        s.close();
        assertThat(peer.frames()).containsExactly("FIN 1");
        assertClosed(s);
    }

    @Test
    void closeBeforeThePeersEndSendsFinAndStop() {
        SluiceStream s = peer.open(1, 100);
        s.close();
        assertThat(peer.frames()).containsExactly("FIN 1", "STOP 1 0");
        assertOpen(s);
        peer.fin(1);
        assertClosed(s);
    }

    @Test
    void closeWriteWaitsForQueuedDataAndTheFinFollowsItWhenCreditArrives() {
        SluiceStream s = peer.open(1, 2);
        CompletableFuture<Void> written = s.write(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII))
                .toCompletableFuture();
        CompletableFuture<Void> fin = s.closeWrite().toCompletableFuture();
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
        assertThat(written).isNotDone();
        assertThat(fin).isNotDone();

        peer.credit(1, 3);
        assertThat(peer.frames()).containsExactly("DATA 1 cde");
        assertThat(written).isNotDone();
        peer.credit(1, 1);
        assertThat(peer.frames()).containsExactly("DATA 1 f", "FIN 1");
        assertThat(written).isCompleted();
        assertThat(fin).isCompleted();
    }

    @Test
    void aWriteLargerThanAFrameGoesOutInFramesAtOnce() {
        SluiceStream s = peer.open(1, 100);
        CompletableFuture<Void> written = s.write(Unpooled.copiedBuffer("abcdefghij", StandardCharsets.US_ASCII))
                .toCompletableFuture();
        assertThat(peer.frames()).containsExactly("DATA 1 abcd", "DATA 1 efgh", "DATA 1 ij");
        assertThat(written).isCompleted();
    }

    @Test
    void aWriteThatGoesOutAtOnceOnTheLoopReturnsTheSharedWrittenStage() {
        SluiceStream s = peer.open(1, 100);
        Object stage = s.write(Unpooled.copiedBuffer("ab", StandardCharsets.US_ASCII));
        assertThat(stage).isSameAs(SluiceStream.WRITTEN);
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
    }

    @Test
    void outstandingBytesArePublishedAfterEachWriteAndGrant() {
        SluiceStream s = peer.open(1, 4);
        assertThat(s.outstandingWriteBytes()).isZero();
        s.write(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII));
        assertThat(s.outstandingWriteBytes()).isEqualTo(6);
        peer.credit(1, 3); // the reader consumed 3: those are no longer outstanding, and 2 more went out
        assertThat(peer.frames()).containsExactly("DATA 1 abcd", "DATA 1 ef");
        assertThat(s.outstandingWriteBytes()).isEqualTo(3);
        peer.credit(1, 3);
        assertThat(s.outstandingWriteBytes()).isZero();
    }

    @Test
    void theConnectionsEndFailsTheStreamAndPublishesNothingOutstanding() {
        SluiceStream s = peer.open(1, 2);
        CompletableFuture<Void> written = s.write(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII))
                .toCompletableFuture();
        peer.frames();
        peer.channel.close();
        assertThat(written).isCompletedExceptionally();
        assertThat(s.closeFuture().toCompletableFuture()).isCompletedExceptionally();
        assertThat(s.outstandingWriteBytes()).isEqualTo(2);
    }

    @Test
    void aWriteOfExactlyTheCreditOrExactlyAFrameGoesOutAtOnce() {
        SluiceStream s = peer.open(1, 2);
        Object stage = s.write(Unpooled.copiedBuffer("ab", StandardCharsets.US_ASCII));
        assertThat(stage).isSameAs(SluiceStream.WRITTEN);
        peer.credit(1, 10);
        stage = s.write(Unpooled.copiedBuffer("abcd", StandardCharsets.US_ASCII));
        assertThat(stage).isSameAs(SluiceStream.WRITTEN);
        assertThat(peer.frames()).containsExactly("DATA 1 ab", "DATA 1 abcd");
    }

    @Test
    void aHandlerThatWroteThenThrewHasOnlyItsSentBytesOutstanding() {
        try (EmbeddedStreamPeer failing = new EmbeddedStreamPeer(StreamConfig.defaults(), (s, info) -> {
            s.write(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII));
            throw new IllegalStateException("handler bug");
        })) {
            SluiceStream s = failing.open(1, 4);
            assertThat(s.outstandingWriteBytes()).isEqualTo(4);
        }
    }
}
