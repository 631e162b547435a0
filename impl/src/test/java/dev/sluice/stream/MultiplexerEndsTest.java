package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionLostException;
import dev.sluice.connection.ConnectionTerminated;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way the stream layer learns that its connection ends fails its streams once, with the reason. */
class MultiplexerEndsTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.defaults());

    @AfterEach
    void tearDown() {
        peer.close();
    }


    @Test
    void aCloseFrameWrittenFromOutsideFailsTheStreamsWithItsCode() {
        SluiceStream s = peer.open(1, 100);
        peer.channel.writeOutbound(new CloseWebSocketFrame(4100, "bye"));
        Throwable why = EmbeddedStreamPeer.failureOf(s.closeFuture().toCompletableFuture());
        assertThat(why).isInstanceOf(ConnectionClosedException.class);
        assertThat(((ConnectionClosedException) why).code()).isEqualTo(4100);
        assertThat(((ConnectionClosedException) why).reason()).isEqualTo("bye");
        assertThat(((ConnectionClosedException) why).byPeer()).isFalse();
        assertThat(peer.frames()).containsExactly("CloseWebSocketFrame");
        assertThatThrownBy(() -> peer.mux.openStream()).hasMessageContaining("cannot open a stream: ").hasCause(why);
    }

    @Test
    void aCloseFrameWithoutACodeCountsAs1005() {
        SluiceStream s = peer.open(1, 100);
        peer.channel.writeOutbound(new CloseWebSocketFrame());
        assertThat(((ConnectionClosedException) EmbeddedStreamPeer.failureOf(s.closeFuture().toCompletableFuture())).code()).isEqualTo(1005);
    }

    @Test
    void theTerminationEventFailsTheStreamsAndCompletesTheSessionsFuture() {
        SluiceStream s = peer.open(1, 100);
        ConnectionLostException lost = new ConnectionLostException("gone");
        peer.channel.pipeline().fireUserEventTriggered(new ConnectionTerminated(lost));
        assertThat(EmbeddedStreamPeer.failureOf(s.closeFuture().toCompletableFuture())).isSameAs(lost);
        assertThat(peer.mux.terminationFuture().toCompletableFuture().join()).isSameAs(lost);
        assertThat(peer.mux.openStreamCount()).isZero();
    }

    @Test
    void otherEventsAndMessagesPassThrough() {
        peer.channel.pipeline().fireUserEventTriggered("some event");
        assertThat(peer.mux.terminationFuture().toCompletableFuture()).isNotDone();
        peer.channel.writeInbound("not a frame");
        assertThat((Object) peer.channel.readInbound()).isEqualTo("not a frame");
    }

    @Test
    void framesAfterTheEndAreReleasedUnread() {
        peer.open(1, 100);
        peer.channel.pipeline().fireUserEventTriggered(new ConnectionTerminated(new ConnectionLostException("gone")));
        TextWebSocketFrame late = new TextWebSocketFrame("late");
        late.retain();
        peer.channel.writeInbound(late);
        assertThat(late.refCnt()).isEqualTo(1);
        late.release();
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void stopNowClosesWith1000AndFailsTheStreams() {
        SluiceStream s = peer.open(1, 100);
        peer.mux.stopNow();
        Throwable why = EmbeddedStreamPeer.failureOf(s.closeFuture().toCompletableFuture());
        assertThat(((ConnectionClosedException) why).code()).isEqualTo(1000);
        assertThat(((ConnectionClosedException) why).reason()).isEqualTo("stopped");
        assertThat(peer.frames()).containsExactly("CloseWebSocketFrame");
    }

    @Test
    void aGracefulStopClosesOnceTheLastStreamCloses() {
        SluiceStream s = peer.open(1, 100);
        CompletableFuture<ConnectionException> ended = peer.mux.stopGracefully(java.time.Duration.ofSeconds(30))
                .toCompletableFuture();
        assertThat(peer.frames()).isEmpty();
        s.close();
        assertThat(peer.frames()).containsExactly("FIN 1", "STOP 1 0");
        peer.fin(1);
        assertThat(peer.frames()).containsExactly("CloseWebSocketFrame");
        assertThat(s.closeFuture().toCompletableFuture()).isCompleted();
        assertThat(ended).isNotDone(); // until the connection below ends
        peer.channel.close();
        assertThat(ended.join()).isInstanceOf(ConnectionClosedException.class);
    }
}
