package dev.sluice.stream;

import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The sending direction of one stream: its state, the peer's credit, and the writes that wait for
 * credit or for a sending turn. Event loop only; it writes through the {@link FrameSink} it is
 * given and reports nothing upwards (its owner reads {@link #state()} after each call).
 *
 * <p>Ownership: every {@link ByteBuf} handed to {@link #write} belongs to this sender until it is
 * written to the sink (which then owns it) or released here on failure.
 */
final class StreamSender {
    /** A write whose caller waits: it completes once the bytes up to {@code end} are sent. */
    private record Completion(long end, CompletableFuture<Void> done) {
    }

    private final int streamId;
    private final FrameSink sink;
    private final StreamHooks hooks;
    private final SendCredit credit;
    private final WriteBound bound;
    /** Writes waiting for credit or a turn, and their waiting callers; created on first use (most streams never queue). */
    private ArrayDeque<ByteBuf> queue;
    private ArrayDeque<Completion> completions;
    private SendState state = SendState.READY;
    /** Bytes ever queued and ever sent: a completion waits for {@code sent >= end}. */
    private long queuedTotal;
    private long sentTotal;
    /** Completes when the FIN is handed to the connection; null until closeWrite. */
    private CompletableFuture<Void> finWritten;
    /** Why writes fail from now on (reset, stop or connection end); null while they may succeed. */
    private Throwable failure;

    StreamSender(int streamId, FrameSink sink, StreamHooks hooks, WriteBound bound) {
        this.streamId = streamId;
        this.sink = sink;
        this.hooks = hooks;
        this.credit = new SendCredit(hooks);
        this.bound = bound;
    }

    SendState state() {
        return state;
    }

    /** Bytes written and not yet consumed by the peer's reader: queued here plus in flight. */
    long outstandingBytes() {
        return (queuedTotal - sentTotal) + credit.inFlight();
    }

    long creditAvailable() {
        return credit.available();
    }

    /** What became of a write. */
    enum Written {
        /** Handed to the connection at once. */
        SENT,
        /** Queued behind other data or waiting for credit; the stream needs sending turns. */
        QUEUED_FOR_TURN,
        /** Queued; turns are already asked for, or it waits for credit. */
        QUEUED,
        /** Refused: the write side is closed or failed ({@link #writeFailure()} says why). */
        REFUSED
    }

    /**
     * Takes {@code data} (ownership included). Sent at once when nothing waits ahead of it, the
     * credit covers it and the connection takes it; otherwise queued for turns.
     */
    Written write(ByteBuf data, int maxFrameBytes) {
        int n = data.readableBytes();
        if (failure != null || !state.acceptsWrites()) {
            bound.release(n);
            data.release();
            return Written.REFUSED;
        }
        state = state.onWrite();
        if (n == 0) {
            data.release();
            return queueHead() == null ? Written.SENT : Written.QUEUED;
        }
        if (queueHead() == null && n <= maxFrameBytes && n <= credit.available() && sink.canSendNow()) {
            send(data, n);
            return Written.SENT;
        }
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        queue.add(data);
        queuedTotal += n;
        return hasWork() ? Written.QUEUED_FOR_TURN : Written.QUEUED;
    }

    /** Why {@link #write} refused: the stream's failure, or a write after closeWrite. */
    Throwable writeFailure() {
        return failure != null ? failure : new IllegalStateException(
                "stream " + streamId + ": write side already closed (closeWrite was called)");
    }

    /** Completes {@code done} once the data queued so far is sent (the last write was QUEUED). */
    void completeWhenSent(CompletableFuture<Void> done) {
        if (failure != null) {
            done.completeExceptionally(failure);
        } else if (sentTotal >= queuedTotal) {
            done.complete(null);
        } else {
            if (completions == null) {
                completions = new ArrayDeque<>(2);
            }
            completions.add(new Completion(queuedTotal, done));
        }
    }

    /** Queues the FIN behind the data. @return true when the stream needs a sending turn for it */
    boolean closeWrite() {
        if (finWritten != null) {
            return false;
        }
        finWritten = new CompletableFuture<>();
        if (failure != null) {
            finWritten.completeExceptionally(failure);
            return false;
        }
        state = state.onCloseWrite();
        return hasWork();
    }

    CompletableFuture<Void> finWritten() {
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
        sink.reset(streamId, code);
        state = state.onResetWritten();
    }

    /** @return true when the grant lets queued data move */
    boolean onCredit(int increment) throws StreamProtocolException {
        credit.grant(streamId, increment);
        return hasWork();
    }

    void onStop(int code) {
        abort(code, new StreamStoppedException(streamId, code));
    }

    /** The connection ended: every pending and future write fails with {@code cause}. */
    void failConnection(Throwable cause) {
        failQueued(cause);
    }

    boolean hasWork() {
        if (state.isTerminal() || state.isReset()) {
            return false;
        }
        ByteBuf head = queueHead();
        if (head == null) {
            return state == SendState.DATA_SENT;
        }
        return credit.available() > 0 || !head.isReadable();
    }

    /**
     * Hands at most one frame to the sink: a DATA frame of up to {@code maxFrameBytes} that the
     * credit covers, or the FIN once the data is out.
     *
     * @return true when this stream can send more right away
     */
    boolean sendOne(int maxFrameBytes) {
        if (state.isTerminal() || state.isReset()) {
            return false;
        }
        ByteBuf head = queueHead();
        if (head == null) {
            if (state == SendState.DATA_SENT) {
                if (hooks.sendFin(streamId)) {
                    sink.fin(streamId);
                }
                state = state.onFinWritten();
                finWritten.complete(null);
            }
            return false;
        }
        int readable = head.readableBytes();
        int n = (int) Math.min(Math.min(readable, credit.available()), maxFrameBytes);
        if (n == 0 && readable > 0) {
            return false;
        }
        if (n == readable) {
            queue.poll();
            send(head, n);
        } else {
            send(head.readRetainedSlice(n), n);
        }
        sentTotal += n;
        completeSent();
        return hasWork();
    }

    private ByteBuf queueHead() {
        return queue == null ? null : queue.peek();
    }

    private void send(ByteBuf frame, int n) {
        credit.consume(n);
        bound.release(n);
        hooks.outboundData(streamId, frame);
        sink.data(streamId, frame);
    }

    private void completeSent() {
        Completion c;
        if (completions == null) {
            return;
        }
        while ((c = completions.peek()) != null && c.end() <= sentTotal) {
            completions.poll();
            c.done().complete(null);
        }
    }

    private void failQueued(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ByteBuf b;
        while (queue != null && (b = queue.poll()) != null) {
            bound.release(b.readableBytes());
            b.release();
        }
        sentTotal = queuedTotal;
        Completion c;
        while (completions != null && (c = completions.poll()) != null) {
            c.done().completeExceptionally(cause);
        }
        if (finWritten != null && !finWritten.isDone()) {
            finWritten.completeExceptionally(cause);
        }
    }
}
