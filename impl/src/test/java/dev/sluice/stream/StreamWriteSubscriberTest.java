package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Flow adapter: one buffer requested at a time, FIN on completion, RESET on an upstream error. */
class StreamWriteSubscriberTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.defaults());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    /** Records what the subscriber asks of its upstream. */
    private static final class Upstream implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void requestsOneBufferAtATimeAsEachWriteIsAcceptedThenSendsFin() {
        StreamWriteSubscriber subscriber = peer.open(1, 4).writeSubscriber();
        Upstream upstream = new Upstream();
        subscriber.onSubscribe(upstream);
        assertThat(upstream.requested).isEqualTo(1);

        subscriber.onNext(ascii("ab"));
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
        assertThat(upstream.requested).isEqualTo(2);

        subscriber.onNext(ascii("cdef")); // two bytes of credit left: the rest waits
        assertThat(peer.frames()).containsExactly("DATA 1 cd");
        assertThat(upstream.requested).isEqualTo(2);

        peer.credit(1, 10);
        assertThat(peer.frames()).containsExactly("DATA 1 ef");
        assertThat(upstream.requested).isEqualTo(3);

        CompletableFuture<Void> done = subscriber.completion().toCompletableFuture();
        assertThat(done).isNotDone();
        subscriber.onComplete();
        assertThat(peer.frames()).containsExactly("FIN 1");
        assertThat(done).isCompleted();
        assertThat(upstream.cancelled).isFalse();
    }

    @Test
    void aSecondSubscriptionIsCancelled() {
        StreamWriteSubscriber subscriber = peer.open(1, 4).writeSubscriber();
        Upstream first = new Upstream();
        Upstream second = new Upstream();
        subscriber.onSubscribe(first);
        subscriber.onSubscribe(second);
        assertThat(second.cancelled).isTrue();
        assertThat(second.requested).isZero();
        assertThat(first.cancelled).isFalse();
        assertThat(first.requested).isEqualTo(1);
    }

    @Test
    void aFailedWriteCancelsUpstreamAndFailsTheCompletion() {
        StreamWriteSubscriber subscriber = peer.open(1, 4).writeSubscriber();
        Upstream upstream = new Upstream();
        subscriber.onSubscribe(upstream);
        peer.stop(1, 9);
        assertThat(peer.frames()).containsExactly("RESET 1 9");

        subscriber.onNext(ascii("ab"));
        assertThat(upstream.cancelled).isTrue();
        assertThat(upstream.requested).isEqualTo(1);
        assertThat(subscriber.completion().toCompletableFuture()).isCompletedExceptionally();
        assertThat(cause(subscriber)).isInstanceOf(StreamStoppedException.class);
    }

    @Test
    void anUpstreamErrorAbortsTheWriteSideWithTheSubscribersCode() {
        SluiceStream stream = peer.open(1, 4);
        StreamWriteSubscriber subscriber = new StreamWriteSubscriber(stream, 42);
        subscriber.onSubscribe(new Upstream());
        IllegalStateException boom = new IllegalStateException("upstream broke");
        subscriber.onError(boom);
        assertThat(peer.frames()).containsExactly("RESET 1 42");
        assertThat(cause(subscriber)).isSameAs(boom);
    }

    @Test
    void theDefaultAbortCodeIsNoError() {
        StreamWriteSubscriber subscriber = peer.open(1, 4).writeSubscriber();
        subscriber.onSubscribe(new Upstream());
        subscriber.onError(new IllegalStateException("upstream broke"));
        assertThat(peer.frames()).containsExactly("RESET 1 0");
    }

    @Test
    void completionAfterTheWriteSideFailedFailsInsteadOfSendingFin() {
        StreamWriteSubscriber subscriber = peer.open(1, 4).writeSubscriber();
        subscriber.onSubscribe(new Upstream());
        peer.stop(1, 3);
        peer.frames();
        subscriber.onComplete();
        assertThat(peer.frames()).isEmpty();
        assertThat(cause(subscriber)).isInstanceOf(StreamStoppedException.class)
                .hasMessage("stream 1: the peer stopped reading with code 3");
    }

    private static Throwable cause(StreamWriteSubscriber subscriber) {
        try {
            subscriber.completion().toCompletableFuture().join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the completion did not fail");
    }
}
