package dev.sluice.stream;

import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving direction of one stream: its state, its window, the DATA buffered for the
 * application and the single subscriber whose demand grants credit back. Event loop only, and so
 * is every signal to the subscriber. It writes CREDIT and STOP through the {@link FrameSink} it is
 * given and reports nothing upwards (its owner reads {@link #state()} after each call).
 *
 * <p>Ownership: each DATA payload arrives as a retained slice of the decoded WebSocket message and
 * belongs to this receiver while buffered; {@code onNext} hands it, with its one reference, to the
 * subscriber, which must release it. Payloads still buffered when reading ends are released here.
 * Credit is granted back when a payload is handed over, not when it is released.
 */
final class StreamReceiver {
    private static final Logger log = LoggerFactory.getLogger(StreamReceiver.class);

    private final int streamId;
    private final FrameSink sink;
    private final InboundBudget budget;
    private final ReceiveWindow window;
    /** Payloads waiting for demand; created on first use (an idle stream never needs one). */
    private ArrayDeque<ByteBuf> buffer;
    private RecvState state = RecvState.RECV;
    private Flow.Subscriber<? super ByteBuf> subscriber;
    private boolean subscribed;
    private long demand;
    /** The application gave up reading (cancelRead, or its subscription was cancelled). */
    private boolean cancelled;
    /** The reset or connection error still to be signalled to the subscriber. */
    private Throwable error;
    private boolean delivering;

    StreamReceiver(int streamId, FrameSink sink, InboundBudget budget, ReceiveWindow window) {
        this.streamId = streamId;
        this.sink = sink;
        this.budget = budget;
        this.window = window;
    }

    RecvState state() {
        return state;
    }

    long buffered() {
        return window.buffered();
    }

    long peerCredit() {
        return window.peerCredit();
    }

    int window() {
        return window.window();
    }

    /** @param subscription what the subscriber's request and cancel reach (the stream hops onto the loop) */
    void subscribe(Flow.Subscriber<? super ByteBuf> s, Flow.Subscription subscription) {
        if (subscribed || cancelled) {
            s.onSubscribe(NoSubscription.INSTANCE);
            s.onError(new IllegalStateException("stream " + streamId
                    + (cancelled ? ": reading was cancelled" : " already has a reader (one subscriber per stream)")));
            return;
        }
        subscribed = true;
        subscriber = s;
        s.onSubscribe(subscription);
        deliver();
    }

    void request(long n) {
        if (subscriber == null) {
            return;
        }
        if (n <= 0) {
            Flow.Subscriber<? super ByteBuf> s = subscriber;
            cancelFromReader(StreamProtocol.NO_ERROR);
            s.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams 3.9)"));
            return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        deliver();
    }

    /** Takes {@code payload} (one reference) from the peer's DATA frame. */
    void onData(ByteBuf payload) throws StreamProtocolException {
        int n = payload.readableBytes();
        if (state.peerEnded()) {
            payload.release();
            throw afterEnd("DATA");
        }
        try {
            window.onData(streamId, n);
        } catch (StreamProtocolException e) {
            payload.release();
            throw e;
        }
        if (cancelled) {
            payload.release();
            window.onConsumed(n, false);
            return;
        }
        if (buffer == null) {
            buffer = new ArrayDeque<>(2);
        }
        buffer.add(payload);
        budget.buffered(n);
        deliver();
    }

    void onFin() throws StreamProtocolException {
        RecvState next = state.onFin();
        if (next == null) {
            throw afterEnd("FIN");
        }
        state = next;
        if (cancelled) {
            state = state.onEndRead();
        } else {
            deliver();
        }
    }

    void onReset(int code) throws StreamProtocolException {
        RecvState next = state.onReset();
        if (next == null) {
            throw afterEnd("RESET");
        }
        state = next;
        discardBuffer();
        error = new StreamResetException(streamId, code, true);
        if (cancelled) {
            state = state.onEndRead();
        } else {
            deliver();
        }
    }

    /**
     * The application stops reading: discard what is buffered and ask the peer to STOP. A reader
     * still subscribed is told with {@link StreamCancelledException}, so that no thread stays blocked.
     */
    void cancel(int code) {
        Flow.Subscriber<? super ByteBuf> waiting = subscriber;
        cancelFromReader(code);
        if (waiting != null && cancelled) {
            signalError(waiting, new StreamCancelledException(streamId, code));
        }
    }

    /** The reader itself cancelled (or failed): no further signal to it. */
    void cancelFromReader(int code) {
        if (cancelled || state.isTerminal()) {
            return;
        }
        cancelled = true;
        subscriber = null;
        discardBuffer();
        if (state.peerEnded()) {
            state = state.onEndRead();
        } else {
            sink.stop(streamId, code);
        }
    }

    /** The connection ended: the reader fails with {@code cause} now or when it subscribes. */
    void failConnection(Throwable cause) {
        if (state.isTerminal() || cancelled) {
            discardBuffer();
            return;
        }
        discardBuffer();
        error = cause;
        state = RecvState.RESET_RECVD;
        deliver();
    }

    /** The stream is gone: give back what it holds. */
    void release() {
        discardBuffer();
        window.release();
    }

    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            while (subscriber != null) {
                boolean buffered = buffer != null && !buffer.isEmpty();
                if (demand > 0 && buffered) {
                    ByteBuf next = buffer.poll();
                    demand--;
                    consumed(next.readableBytes(), true);
                    try {
                        subscriber.onNext(next);
                    } catch (RuntimeException e) {
                        readerFailed(e);
                        return;
                    }
                } else if (!buffered && state == RecvState.DATA_RECVD) {
                    end(null);
                } else if (error != null && state == RecvState.RESET_RECVD) {
                    end(error);
                } else {
                    return;
                }
            }
        } finally {
            delivering = false;
        }
    }

    private void end(Throwable failure) {
        Flow.Subscriber<? super ByteBuf> s = subscriber;
        subscriber = null;
        state = state.onEndRead();
        try {
            if (failure == null) {
                s.onComplete();
            } else {
                s.onError(failure);
            }
        } catch (RuntimeException e) {
            log.warn("stream {}: the reader threw at the end of the stream", streamId, e);
        }
    }

    private void signalError(Flow.Subscriber<? super ByteBuf> s, Throwable failure) {
        try {
            s.onError(failure);
        } catch (RuntimeException e) {
            log.warn("stream {}: the reader threw in onError", streamId, e);
        }
    }

    private void readerFailed(RuntimeException e) {
        log.warn("stream {}: the reader threw; cancelling the read side", streamId, e);
        cancelFromReader(StreamProtocol.HANDLER_FAILED);
    }

    private void consumed(int n, boolean grantBack) {
        int grant = window.onConsumed(n, grantBack && !state.peerEnded());
        budget.buffered(-n);
        if (grant > 0) {
            sink.credit(streamId, grant);
        }
    }

    private void discardBuffer() {
        ByteBuf b;
        while (buffer != null && (b = buffer.poll()) != null) {
            consumed(b.readableBytes(), false);
            b.release();
        }
    }

    private StreamProtocolException afterEnd(String what) {
        return new StreamProtocolException(StreamCloseCode.FRAME_AFTER_END, what + " on stream " + streamId
                + " after the peer ended its direction (" + (state == RecvState.RESET_RECVD || state == RecvState.RESET_READ
                ? "RESET" : "FIN") + ")");
    }

    enum NoSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
