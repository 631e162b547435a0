package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stream's writes against its bound of unsent bytes (StreamConfig.maxUnsentWriteBytes), without a socket. */
class StreamWriteBoundTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().maxUnsentWriteBytes(4).build());

    @AfterEach
    void tearDown() {
        peer.close();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void aWriteAtTheBoundIsRefusedReleasedAndNotSent() {
        SluiceStream stream = peer.open(1, 1);
        assertThat(stream.isWritable()).isTrue();
        CompletableFuture<Void> first = stream.write(ascii("abcdef")).toCompletableFuture();
        assertThat(peer.frames()).containsExactly("DATA 1 a");
        assertThat(first).isNotDone();
        assertThat(stream.isWritable()).isFalse();

        ByteBuf refused = ascii("xy");
        CompletableFuture<Void> second = stream.write(refused).toCompletableFuture();
        assertThat(refused.refCnt()).isZero();
        assertThat(peer.frames()).isEmpty();
        Throwable why = Assertions.catchThrowableOfType(CompletionException.class, second::join).getCause();
        assertThat(why).isInstanceOf(WriteBoundExceededException.class)
                .hasMessage("stream 1: 5 written bytes are not sent yet, at or above the bound of 4"
                        + " (StreamConfig.maxUnsentWriteBytes); wait for an earlier write or whenWritable() before"
                        + " writing more");
        assertThat(((WriteBoundExceededException) why).streamId()).isEqualTo(1);
    }

    @Test
    void whenWritableCompletesOnceSentBytesBringTheCountBelowTheBound() {
        SluiceStream stream = peer.open(1, 1);
        stream.write(ascii("abcdef"));
        peer.frames();
        CompletableFuture<Void> writable = stream.whenWritable().toCompletableFuture();
        assertThat(writable).isNotDone();

        peer.credit(1, 1);
        assertThat(peer.frames()).containsExactly("DATA 1 b");
        assertThat(writable).isNotDone();
        assertThat(stream.isWritable()).isFalse();

        peer.credit(1, 1);
        assertThat(peer.frames()).containsExactly("DATA 1 c");
        assertThat(writable).isCompleted();
        assertThat(stream.isWritable()).isTrue();
        assertThat(stream.whenWritable().toCompletableFuture()).isCompleted();
    }

    @Test
    void discardedBytesLeaveTheBoundToo() {
        SluiceStream stream = peer.open(1, 1);
        CompletableFuture<Void> write = stream.write(ascii("abcdef")).toCompletableFuture();
        peer.frames();
        CompletableFuture<Void> writable = stream.whenWritable().toCompletableFuture();

        stream.abortWrite(5);
        assertThat(peer.frames()).containsExactly("RESET 1 5");
        assertThat(writable).isCompleted();
        assertThat(stream.isWritable()).isTrue();
        assertThat(write).isCompletedExceptionally();
    }

    @Test
    void aWriteRefusedAfterCloseWriteLeavesNothingCounted() {
        SluiceStream stream = peer.open(1, 1);
        stream.closeWrite();
        assertThat(stream.write(ascii("abcdef")).toCompletableFuture()).isCompletedExceptionally();
        assertThat(stream.isWritable()).isTrue();
    }
}
