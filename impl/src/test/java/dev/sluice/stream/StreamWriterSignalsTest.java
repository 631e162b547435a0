package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a stream's writers are told, and what the peer is sent, for writes, FIN and aborts in each order. */
class StreamWriterSignalsTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.defaults());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }


    @Test
    void anEmptyWriteSendsNothingAndCompletesInOrder() {
        SluiceStream s = peer.open(1, 2);
        assertThat(s.write(ascii("")).toCompletableFuture()).isCompleted();
        assertThat(peer.frames()).isEmpty();

        CompletableFuture<Void> queued = s.write(ascii("abcd")).toCompletableFuture();
        CompletableFuture<Void> empty = s.write(ascii("")).toCompletableFuture();
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
        assertThat(empty).isNotDone();
        peer.credit(1, 2);
        assertThat(peer.frames()).containsExactly("DATA 1 cd");
        assertThat(queued).isCompleted();
        assertThat(empty).isCompleted();
    }

    @Test
    void eachQueuedWriteCompletesWhenItsOwnBytesAreSent() {
        SluiceStream s = peer.open(1, 1);
        CompletableFuture<Void> first = s.write(ascii("ab")).toCompletableFuture();
        CompletableFuture<Void> second = s.write(ascii("cd")).toCompletableFuture();
        peer.credit(1, 1);
        assertThat(peer.frames()).containsExactly("DATA 1 a", "DATA 1 b");
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        peer.credit(1, 1);
        assertThat(second).isNotDone();
        peer.credit(1, 1);
        assertThat(second).isCompleted();
    }

    @Test
    void aWriteAfterCloseWriteIsRefusedAndReleased() {
        SluiceStream s = peer.open(1, 10);
        s.closeWrite();
        ByteBuf late = ascii("late");
        Throwable why = EmbeddedStreamPeer.failureOf(s.write(late).toCompletableFuture());
        assertThat(why).isInstanceOf(IllegalStateException.class)
                .hasMessage("stream 1: write side already closed (closeWrite was called)");
        assertThat(late.refCnt()).isZero();
        assertThat(peer.frames()).containsExactly("FIN 1");
    }

    @Test
    void aSecondCloseWriteSendsNoSecondFinAndCompletesWithTheFirst() {
        SluiceStream s = peer.open(1, 1);
        s.write(ascii("ab"));
        CompletableFuture<Void> first = s.closeWrite().toCompletableFuture();
        CompletableFuture<Void> second = s.closeWrite().toCompletableFuture();
        assertThat(second).isNotDone();
        peer.credit(1, 1);
        assertThat(peer.frames()).containsExactly("DATA 1 a", "DATA 1 b", "FIN 1");
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void aStopAfterTheFinSendsNoResetButLaterWritesNameTheStop() {
        SluiceStream s = peer.open(1, 10);
        s.closeWrite();
        peer.stop(1, 5);
        assertThat(peer.frames()).containsExactly("FIN 1");
        Throwable why = EmbeddedStreamPeer.failureOf(s.write(ascii("x")).toCompletableFuture());
        assertThat(why).isInstanceOf(StreamStoppedException.class).hasMessage("stream 1: the peer stopped reading with code 5");
    }

    @Test
    void anAbortAfterTheFinSendsNothing() {
        SluiceStream s = peer.open(1, 10);
        s.closeWrite();
        s.abortWrite(3);
        assertThat(peer.frames()).containsExactly("FIN 1");
    }

    @Test
    void anAbortFailsQueuedWritesAndThePendingFinWithTheReset() {
        SluiceStream s = peer.open(1, 1);
        CompletableFuture<Void> write = s.write(ascii("abc")).toCompletableFuture();
        CompletableFuture<Void> fin = s.closeWrite().toCompletableFuture();
        s.abortWrite(3);
        assertThat(peer.frames()).containsExactly("DATA 1 a", "RESET 1 3");
        assertThat(EmbeddedStreamPeer.failureOf(write)).isInstanceOf(StreamResetException.class);
        assertThat(EmbeddedStreamPeer.failureOf(fin)).isInstanceOf(StreamResetException.class);
        assertThat(s.outstandingWriteBytes()).isEqualTo(1);
        peer.credit(1, 5);
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void aSecondAbortSendsNoSecondReset() {
        SluiceStream s = peer.open(1, 1);
        s.abortWrite(3);
        s.abortWrite(4);
        assertThat(peer.frames()).containsExactly("RESET 1 3");
        Throwable why = EmbeddedStreamPeer.failureOf(s.write(ascii("x")).toCompletableFuture());
        assertThat(why).isInstanceOf(StreamResetException.class);
        assertThat(((StreamResetException) why).code()).isEqualTo(3);
    }

    @Test
    void aHandlerThatThrowsGetsItsStreamEndedBothWays() {
        try (EmbeddedStreamPeer failing = new EmbeddedStreamPeer(StreamConfig.defaults(), (s, info) -> {
            throw new IllegalStateException("handler bug");
        })) {
            failing.credit(1, 10);
            int code = dev.sluice.protocol.StreamProtocol.HANDLER_FAILED;
            assertThat(failing.frames()).contains("RESET 1 " + code, "STOP 1 " + code);
            assertThat(failing.mux.openStreamCount()).isEqualTo(1); // until the peer ends its direction
            failing.fin(1);
            assertThat(failing.mux.openStreamCount()).isZero();
        }
    }

    @Test
    void creditUpToTheLargestWindowIsAcceptedAndOneByteMoreBreaksTheConnection() {
        SluiceStream s = peer.open(1, Integer.MAX_VALUE);
        assertThat(s.write(ascii("ab")).toCompletableFuture()).isCompleted();
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
        peer.credit(1, 2);
        assertThat(peer.frames()).isEmpty();
        peer.credit(1, 1);
        assertThat(peer.frames()).singleElement().asString().startsWith("LocalViolation[code=4008, ");
    }
}
