package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionLostException;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each way an open can end: on the loop, from another thread, refused by the loop or its absence, or interrupted. */
class StreamOpenerPathsTest {
    private final LoopExecutor loop = new LoopExecutor();
    private final Termination termination = new Termination();
    private final AtomicInteger opens = new AtomicInteger();
    private EventLoop eventLoop;
    private EmbeddedStreamPeer peer;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (eventLoop != null) {
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
        if (peer != null) {
            peer.close();
        }
    }

    private StreamOpener opener(Supplier<MuxStream> openOnLoop) {
        return new StreamOpener(() -> {
            opens.incrementAndGet();
            return openOnLoop.get();
        }, loop, termination);
    }


    @Test
    void anOpenBeforeTheLayerIsAttachedFailsAndSaysWhy() {
        StreamOpener opener = opener(() -> null);
        Throwable why = EmbeddedStreamPeer.failureOf(opener.openAsync().toCompletableFuture());
        assertThat(why).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot open a stream: connection lost: the stream layer is not attached to a connection yet")
                .hasCauseInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(() -> opener.open(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot open a stream: connection lost: the stream layer is not attached to a connection yet");
        assertThat(opens).hasValue(0);
    }

    @Test
    void anOpenAfterTheConnectionEndedCarriesItsCause() {
        ConnectionClosedException closed = new ConnectionClosedException(1000, "bye", true);
        termination.end(closed);
        Throwable why = EmbeddedStreamPeer.failureOf(opener(() -> null).openAsync().toCompletableFuture());
        assertThat(why).hasCause(closed).hasMessage("cannot open a stream: " + closed.getMessage());
    }

    @Test
    void anOpenOnTheLoopReturnsTheStreamAtOnce() {
        peer = new EmbeddedStreamPeer(StreamConfig.builder().receiveWindow(16).build());
        SluiceStream s = peer.mux.openStream();
        assertThat(s.id()).isEqualTo(2);
        assertThat(s.isLocal()).isTrue();
        assertThat(peer.frames()).containsExactly("CREDIT 2 16");
        assertThat(peer.mux.openStreamAsync().toCompletableFuture().join().id()).isEqualTo(4);
    }

    @Test
    void aFailureOnTheLoopReachesTheCallerAsItself() {
        eventLoop = new DefaultEventLoop();
        loop.attach(eventLoop);
        IllegalStateException refused = new IllegalStateException("no more ids");
        StreamOpener opener = opener(() -> {
            throw refused;
        });
        assertThatThrownBy(() -> opener.open(Duration.ofSeconds(5))).isSameAs(refused);
        CompletableFuture<SluiceStream> async = opener.openAsync().toCompletableFuture();
        assertThatThrownBy(() -> async.get(5, TimeUnit.SECONDS)).hasCause(refused);
    }

    @Test
    void anOpenOnTheLoopThreadRunsInline() throws Exception {
        eventLoop = new DefaultEventLoop();
        loop.attach(eventLoop);
        IllegalStateException refused = new IllegalStateException("no more ids");
        StreamOpener opener = opener(() -> {
            throw refused;
        });
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        eventLoop.execute(() -> {
            try {
                opener.open(Duration.ofSeconds(5));
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(5, TimeUnit.SECONDS)).isSameAs(refused);
    }

    @Test
    void anInterruptedOpenGivesUpKeepsTheInterruptAndTheLoopNeverOpens() throws Exception {
        eventLoop = new DefaultEventLoop();
        loop.attach(eventLoop);
        CountDownLatch release = new CountDownLatch(1);
        eventLoop.execute(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        StreamOpener opener = opener(() -> null);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> opener.open(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while opening a stream")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            release.countDown();
        }
        // a task queued after the open ran after it: by then the cancelled open was skipped
        CompletableFuture<Void> after = new CompletableFuture<>();
        eventLoop.execute(() -> after.complete(null));
        after.get(5, TimeUnit.SECONDS);
        assertThat(opens).hasValue(0);
    }

    @Test
    void anOpenOnALoopThatShutDownFailsAndSaysSo() throws InterruptedException {
        eventLoop = new DefaultEventLoop();
        loop.attach(eventLoop);
        eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        Throwable why = EmbeddedStreamPeer.failureOf(opener(() -> null).openAsync().toCompletableFuture());
        assertThat(why).hasMessage("cannot open a stream: connection lost: the connection's event loop has shut down");
    }
}
