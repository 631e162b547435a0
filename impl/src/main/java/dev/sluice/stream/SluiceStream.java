package dev.sluice.stream;

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
    /** The stream id: odd when the client opened it, even when the server did. */
    int id();

    /** True when this side opened the stream. */
    boolean isLocal();

    /**
     * The bytes the peer sends, in order, each exactly once. A single subscriber: its demand is what
     * grants the peer credit, so a subscriber that stops requesting stops the peer's writer after
     * one window. Completes after the peer's FIN; fails on the peer's RESET or a connection error.
     * Cancelling the subscription is {@code cancelRead(StreamProtocol.NO_ERROR)}.
     */
    Flow.Publisher<ByteBuffer> reads();

    /** A blocking view of {@link #reads()}; closing it cancels reading if the end was not reached. */
    InputStream inputStream();

    /**
     * Queues {@code data} for sending. The stage completes when every byte has been handed to the
     * connection, which happens only as the peer's credit and the socket's write-buffer watermarks
     * allow; until then the caller must not modify {@code data}. Fails when the write side is closed
     * or aborted, the peer stopped reading, or the connection ended.
     */
    CompletionStage<Void> write(ByteBuffer data);

    /** A blocking, buffering view of {@link #write}; {@code close()} sends FIN. Not for event-loop threads. */
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
