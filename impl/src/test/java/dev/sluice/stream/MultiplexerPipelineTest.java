package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionTerminated;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The multiplexer as a pipeline stage: flushes coalesced per read batch, socket reads paused while
 * readers are behind, nothing written after the end, and the reason each kind of end gives.
 */
class MultiplexerPipelineTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().receiveWindow(16)
            .maxReceiveWindow(16).maxBufferedBytesPerConnection(4).build());

    @AfterEach
    void tearDown() {
        peer.close();
    }


    @Test
    void framesWrittenWhileReadingAreFlushedOnceTheBatchEnds() {
        peer.channel.pipeline().fireChannelRead(new BinaryWebSocketFrame(
                StreamProtocol.encode(peer.channel.alloc(), StreamFrame.credit(1, 10))));
        assertThat((Object) peer.channel.readOutbound()).isNull();
        peer.channel.pipeline().fireChannelReadComplete();
        assertThat(peer.frames()).containsExactly("CREDIT 1 16");
    }

    @Test
    void readsPauseWhileReadersHoldMoreThanTheLimitAndResumeWhenTheyCatchUp() {
        SluiceStream s = peer.open(1, 100);
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        peer.data(1, "abcd");
        assertThat(peer.mux.bufferedBytes()).isEqualTo(4);
        assertThat(peer.mux.readPaused()).isFalse();
        assertThat(peer.channel.config().isAutoRead()).isTrue();
        peer.data(1, "e");
        assertThat(peer.mux.readPaused()).isTrue();
        assertThat(peer.channel.config().isAutoRead()).isFalse();

        reader.subscription.request(1);
        assertThat(peer.mux.bufferedBytes()).isEqualTo(1);
        assertThat(peer.mux.readPaused()).isFalse();
        assertThat(peer.channel.config().isAutoRead()).isTrue();
    }

    @Test
    void theEndOfTheConnectionResumesPausedReads() {
        peer.open(1, 100);
        peer.data(1, "abcde");
        assertThat(peer.channel.config().isAutoRead()).isFalse();
        peer.channel.pipeline().fireUserEventTriggered(new ConnectionTerminated(new ConnectionLostException("gone")));
        assertThat(peer.channel.config().isAutoRead()).isTrue();
        assertThat(peer.mux.readPaused()).isFalse();
    }

    @Test
    void cancelledResetAndFailedReadsGiveTheirBufferedBytesBack() {
        SluiceStream a = peer.open(1, 100);
        SluiceStream b = peer.open(3, 100);
        SluiceStream c = peer.open(5, 100);
        peer.data(1, "ab");
        peer.data(3, "cd");
        peer.data(5, "e");
        assertThat(peer.mux.bufferedBytes()).isEqualTo(5);
        a.cancelRead(0);
        assertThat(peer.mux.bufferedBytes()).isEqualTo(3);
        assertThat(((MuxStream) a).receiveBuffered()).isZero();
        peer.reset(3, 1);
        assertThat(peer.mux.bufferedBytes()).isEqualTo(1);
        assertThat(((MuxStream) c).receiveBuffered()).isEqualTo(1);
        peer.channel.pipeline().fireUserEventTriggered(new ConnectionTerminated(new ConnectionLostException("gone")));
        assertThat(peer.mux.bufferedBytes()).isZero();
        assertThat(b.isLocal()).isFalse();
    }

    @Test
    void nothingIsWrittenAfterTheEndEvenForTurnsThatWereWaiting() {
        SluiceStream s = peer.open(1, 100);
        peer.writable(false);
        s.write(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII));
        s.closeWrite();
        peer.channel.pipeline().fireUserEventTriggered(new ConnectionTerminated(new ConnectionLostException("gone")));
        peer.writable(true);
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void aClosedChannelFailsTheStreamsWithoutACloseHandshake() {
        SluiceStream s = peer.open(1, 100);
        peer.channel.pipeline().fireChannelInactive();
        assertThat(EmbeddedStreamPeer.failureOf(s.closeFuture().toCompletableFuture())).isInstanceOf(ConnectionLostException.class)
                .hasMessageEndingWith("the connection closed without a close handshake");
        assertThat(peer.mux.terminationFuture().toCompletableFuture()).isCompleted();
    }

    @Test
    void removingTheStageFailsTheStreams() {
        SluiceStream s = peer.open(1, 100);
        peer.channel.pipeline().remove(peer.mux);
        assertThat(EmbeddedStreamPeer.failureOf(s.closeFuture().toCompletableFuture())).isInstanceOf(ConnectionLostException.class)
                .hasMessageEndingWith("the stream layer was removed from the pipeline");
    }

    @Test
    void stopNowLeavesTheSessionsFutureToTheConnectionsEnd() {
        peer.mux.stopNow();
        assertThat(peer.mux.terminationFuture().toCompletableFuture()).isNotDone();
        peer.channel.close();
        assertThat(peer.mux.terminationFuture().toCompletableFuture()).isCompleted();
    }

    @Test
    void executeRunsOnTheLoopAndIsRefusedWithoutOne() {
        boolean[] ran = {false};
        assertThat(peer.mux.execute(() -> ran[0] = true)).isTrue();
        assertThat(ran[0]).isTrue();
        StreamMultiplexer detached = new StreamMultiplexer(StreamConfig.defaults(), true, LocalMuxPair.TEST_INFO,
                StreamHandler.CANCEL_ALL);
        assertThat(detached.execute(() -> ran[0] = false)).isFalse();
        assertThat(ran[0]).isTrue();
    }
}
