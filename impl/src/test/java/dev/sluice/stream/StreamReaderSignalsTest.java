package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionLostException;
import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a stream's one reader is told, and what the peer is sent, for each way reading can go. */
class StreamReaderSignalsTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().receiveWindow(8)
            .maxReceiveWindow(8).build());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    private RecordingReader subscribe(SluiceStream s) {
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        return reader;
    }

    @Test
    void aSecondReaderIsRefusedAndTheFirstKeepsReading() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader first = subscribe(s);
        RecordingReader second = subscribe(s);
        assertThat(second.signals).containsExactly("error: stream 1 already has a reader (one subscriber per stream)");
        first.subscription.request(1);
        peer.data(1, "ok");
        assertThat(first.signals).containsExactly("ok");
    }

    @Test
    void aReaderAfterCancelReadIsRefused() {
        SluiceStream s = peer.open(1, 100);
        s.cancelRead(4);
        assertThat(peer.frames()).containsExactly("STOP 1 4");
        assertThat(subscribe(s).signals).containsExactly("error: stream 1: reading was cancelled");
    }

    @Test
    void aNonPositiveRequestFailsTheReaderAndStopsThePeer() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader reader = subscribe(s);
        reader.subscription.request(0);
        assertThat(reader.signals).containsExactly("error: request(0): demand must be positive (Reactive Streams 3.9)");
        assertThat(peer.frames()).containsExactly("STOP 1 0");
        peer.data(1, "late");
        assertThat(reader.signals).hasSize(1);
    }

    @Test
    void demandAddsUpAndSaturatesInsteadOfOverflowing() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader reader = subscribe(s);
        reader.subscription.request(Long.MAX_VALUE);
        reader.subscription.request(Long.MAX_VALUE);
        peer.data(1, "a");
        peer.data(1, "b");
        assertThat(reader.signals).containsExactly("a", "b");
    }

    @Test
    void eachRequestDeliversExactlyThatManyBuffers() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader reader = subscribe(s);
        peer.data(1, "a");
        peer.data(1, "b");
        peer.data(1, "c");
        assertThat(reader.signals).isEmpty();
        reader.subscription.request(2);
        assertThat(reader.signals).containsExactly("a", "b");
        reader.subscription.request(1);
        assertThat(reader.signals).containsExactly("a", "b", "c");
    }

    @Test
    void consumedBytesAreGrantedBackOnlyWhileThePeerMaySendMore() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader reader = subscribe(s);
        peer.data(1, "abcdefgh");
        assertThat(peer.frames()).isEmpty();
        reader.subscription.request(1);
        assertThat(peer.frames()).containsExactly("CREDIT 1 8");
        peer.data(1, "abcdefgh");
        peer.fin(1);
        reader.subscription.request(5);
        assertThat(reader.signals).containsExactly("abcdefgh", "abcdefgh", "end");
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void aReaderThatThrowsIsCutOffAndThePeerStoppedWithHandlerFailed() {
        SluiceStream s = peer.open(1, 100);
        int[] calls = {0};
        s.byteBufReads().subscribe(new Flow.Subscriber<ByteBuf>() {
            @Override
            public void onSubscribe(Flow.Subscription sub) {
                sub.request(10);
            }

            @Override
            public void onNext(ByteBuf item) {
                item.release();
                calls[0]++;
                throw new IllegalStateException("reader bug");
            }

            @Override
            public void onError(Throwable t) {
                calls[0] += 100;
            }

            @Override
            public void onComplete() {
                calls[0] += 1000;
            }
        });
        peer.data(1, "a");
        assertThat(peer.frames()).containsExactly("STOP 1 " + StreamProtocol.HANDLER_FAILED);
        peer.data(1, "b");
        peer.fin(1);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void dataForACancelledReaderIsDroppedWithoutCredit() {
        SluiceStream s = peer.open(1, 100);
        s.cancelRead(2);
        peer.frames();
        peer.data(1, "abcdefgh");
        assertThat(peer.frames()).isEmpty();
        assertThat(((MuxStream) s).receiveBuffered()).isZero();
    }

    @Test
    void aReaderSubscribingAfterTheConnectionEndedIsToldWhy() {
        SluiceStream s = peer.open(1, 100);
        peer.channel.close();
        RecordingReader reader = subscribe(s);
        assertThat(reader.error).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void aWaitingReaderIsToldWhenTheConnectionEnds() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader reader = subscribe(s);
        peer.data(1, "ab");
        peer.channel.close();
        assertThat(reader.signals).hasSize(1);
        assertThat(reader.error).isInstanceOf(ConnectionLostException.class);
        assertThat(((MuxStream) s).receiveBuffered()).isZero();
    }
}
