package dev.sluice.stream;

import dev.sluice.defect.Defect;
import dev.sluice.defect.Defects;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The sending direction of one stream: its state, the peer's credit and the queue of writes that
 * wait for credit or for the socket. Every method runs on the connection's event loop; the
 * multiplexer pulls one frame at a time ({@link #sendOne}) so that streams take turns.
 */
final class StreamSender {
    private record PendingWrite(ByteBuffer data, CompletableFuture<Void> done) {
    }

    private final MuxStream stream;
    private final SendCredit credit = new SendCredit();
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
    private SendState state = SendState.READY;
    private long queuedBytes;
    /** Completes when the FIN is handed to the connection; null until closeWrite. */
    private CompletableFuture<Void> finWritten;
    /** Why writes fail from now on (reset, stop or connection end); null while they may succeed. */
    private Throwable failure;

    StreamSender(MuxStream stream) {
        this.stream = stream;
    }

    SendState state() {
        return state;
    }

    long outstandingBytes() {
        return queuedBytes + credit.inFlight();
    }

    long creditAvailable() {
        return credit.available();
    }

    void write(ByteBuffer data, CompletableFuture<Void> done) {
        if (failure != null) {
            done.completeExceptionally(failure);
            return;
        }
        if (!state.acceptsWrites()) {
            done.completeExceptionally(new IllegalStateException(
                    "stream " + stream.id() + ": write side already closed (closeWrite was called)"));
            return;
        }
        state = state.onWrite();
        queue.add(new PendingWrite(data, done));
        queuedBytes += data.remaining();
        stream.sendable();
    }

    CompletableFuture<Void> closeWrite() {
        if (finWritten != null) {
            return finWritten;
        }
        finWritten = new CompletableFuture<>();
        if (failure != null) {
            finWritten.completeExceptionally(failure);
        } else {
            state = state.onCloseWrite();
            stream.sendable();
        }
        return finWritten;
    }

    /** Aborts this direction and sends RESET, unless the FIN or a RESET is already on its way. */
    void abort(int code, Throwable cause) {
        SendState next = state.onAbort();
        if (next == state) {
            if (failure == null && !(cause instanceof StreamResetException)) {
                failure = cause;
            }
            return;
        }
        state = next;
        failQueued(cause);
        stream.mux().writeControl(StreamFrame.reset(stream.id(), code));
        state = state.onResetWritten();
        stream.maybeClosed();
    }

    void onCredit(int increment) throws StreamProtocolException {
        credit.grant(stream.id(), increment);
        if (hasWork()) {
            stream.sendable();
        }
        stream.publishOutstanding();
    }

    void onStop(int code) {
        abort(code, new StreamStoppedException(stream.id(), code));
    }

    /** The connection ended: every pending and future write fails with {@code cause}. */
    void failConnection(Throwable cause) {
        failQueued(cause);
    }

    boolean hasWork() {
        if (state.isTerminal() || state.isReset()) {
            return false;
        }
        if (queue.isEmpty()) {
            return state == SendState.DATA_SENT;
        }
        return credit.available() > 0 || !queue.peek().data().hasRemaining();
    }

    /**
     * Hands at most one frame to the connection.
     *
     * @return true when this stream can send more right away
     */
    boolean sendOne(int maxFrameBytes) {
        if (state.isTerminal() || state.isReset()) {
            return false;
        }
        completeEmptyHead();
        PendingWrite head = queue.peek();
        if (head == null) {
            if (state == SendState.DATA_SENT) {
                if (!Defects.armed(Defect.NO_FIN)) {
                    stream.mux().writeControl(StreamFrame.fin(stream.id()));
                }
                state = state.onFinWritten();
                finWritten.complete(null);
                stream.maybeClosed();
            }
            return false;
        }
        int n = (int) Math.min(Math.min(head.data().remaining(), credit.available()), maxFrameBytes);
        if (n == 0) {
            return false;
        }
        stream.mux().writeData(stream.id(), head.data(), n);
        credit.consume(n);
        queuedBytes -= n;
        stream.publishOutstanding();
        completeEmptyHead();
        return hasWork();
    }

    private void completeEmptyHead() {
        PendingWrite head;
        while ((head = queue.peek()) != null && !head.data().hasRemaining()) {
            queue.poll();
            head.done().complete(null);
        }
    }

    private void failQueued(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        PendingWrite w;
        while ((w = queue.poll()) != null) {
            w.done().completeExceptionally(cause);
        }
        queuedBytes = 0;
        if (finWritten != null && !finWritten.isDone()) {
            finWritten.completeExceptionally(cause);
        }
        stream.publishOutstanding();
    }
}
