package dev.sluice.stream;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One duplex stream inside a connection: two independent directions with credit back-pressure.
 * Every method may be called from any thread. Futures and Flow signals complete on the
 * connection's event loop: never block inside them.
 *
 * <p>A stream is closed, and forgotten by its connection, once both directions are finished: the
 * write side by {@link #closeWrite()} or an abort, and the read side by reading to its end (or its
 * reset) or by {@link #cancelRead}. A stream whose reads nobody consumes stays open; use
 * {@link #close()} when the rest of the peer's data does not matter.
 *
 * <p>Failures: a reader or writer fails with {@link StreamResetException} or
 * {@link StreamStoppedException} when only this stream failed, and with the connection's
 * {@link dev.sluice.connection.ConnectionException} when the whole connection ended.
 */
public interface SluiceStream {
    /**
     * The stage {@link #write(ByteBuf)} returns, this very instance, when the data went out at once
     * (on the event loop, with credit and a writable socket): a caller may compare with {@code ==}
     * to go on without attaching a callback.
     */
    CompletionStage<Void> WRITTEN = java.util.concurrent.CompletableFuture.completedStage(null);

    /** The stream id: odd when the client opened it, even when the server did. */
    int id();

    /** True when this side opened the stream. */
    boolean isLocal();

    /**
     * The bytes the peer sends, in order, each exactly once, each buffer a copy the subscriber may
     * keep. A single subscriber: its demand is what grants the peer credit, so a subscriber that stops requesting stops the peer's writer after
     * one window. Completes after the peer's FIN; fails on the peer's RESET or a connection error.
     * Cancelling the subscription is {@code cancelRead(StreamProtocol.NO_ERROR)}.
     */
    Flow.Publisher<ByteBuffer> reads();

    /**
     * The bytes the peer sends, without a copy: each {@code onNext} hands over a retained slice of
     * the received message, and the subscriber owns it from then on and must release it (once).
     * Otherwise as {@link #reads()}: one subscriber, whose demand grants the peer credit (credit is
     * returned when a buffer is handed over, not when it is released). Use this or
     * {@link #reads()}/{@link #inputStream()}, not both.
     */
    Flow.Publisher<ByteBuf> byteBufReads();

    /** A blocking view of {@link #reads()}; closing it cancels reading if the end was not reached. */
    InputStream inputStream();

    /**
     * Queues {@code data} for sending, without copying it. The stage completes when every byte has
     * been handed to the connection, which happens only as the peer's credit and the socket's
     * write-buffer watermarks allow; until then the caller must not modify {@code data}. Fails when
     * the write side is closed or aborted, the peer stopped reading, the connection ended, or the
     * stream already holds {@link StreamConfig#maxUnsentWriteBytes()} unsent bytes
     * ({@link WriteBoundExceededException}: nothing of {@code data} is sent).
     */
    CompletionStage<Void> write(ByteBuffer data);

    /**
     * As {@link #write(ByteBuffer)}, taking ownership of {@code data}: the transport releases it once
     * sent, or at once when the write fails. On the connection's event loop a write that goes out
     * at once allocates no future (the stage returned is already complete).
     */
    CompletionStage<Void> write(ByteBuf data);

    /** True while a write would be accepted: fewer than {@link StreamConfig#maxUnsentWriteBytes()} bytes wait. */
    boolean isWritable();

    /** Completes when a write would be accepted again (at once when it would be now). */
    CompletionStage<Void> whenWritable();

    /**
     * A blocking, buffering view of {@link #write}; {@code close()} sends FIN. Each buffer waits at
     * most {@link StreamConfig#writeTimeout()} to be accepted. Not for event-loop threads.
     */
    OutputStream outputStream();

    /** A subscriber that writes what it receives, one buffer at a time, and sends FIN on completion. */
    StreamWriteSubscriber writeSubscriber();

    /** Sends FIN after the queued data; the stage completes when the FIN is handed to the connection. */
    CompletionStage<Void> closeWrite();

    /** Aborts the write side: queued data is discarded, pending writes fail, the peer's reader gets {@code code}. */
    void abortWrite(int code);

    /** Stops reading: buffered data is discarded and the peer's writer fails with {@code code}. */
    void cancelRead(int code);

    /** Closes both ways: FIN after the queued data, and cancels reading if its end was not reached. */
    void close();

    /** Bytes written and not yet consumed by the peer's reader: queued here plus in flight. */
    long outstandingWriteBytes();

    /** Completes when both directions are finished (or the connection ended). */
    CompletionStage<Void> closeFuture();
}
