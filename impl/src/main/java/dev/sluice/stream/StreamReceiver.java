package dev.sluice.stream;

import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving direction of one stream: its state, its window, the bytes buffered for the
 * application and the single subscriber whose demand grants credit back. Every method runs on the
 * connection's event loop, and so does every signal to the subscriber.
 */
final class StreamReceiver {
    private static final Logger log = LoggerFactory.getLogger(StreamReceiver.class);

    private final MuxStream stream;
    private final ReceiveWindow window;
    private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
    private RecvState state = RecvState.RECV;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private boolean subscribed;
    private long demand;
    /** The application gave up reading (cancelRead, or its subscription was cancelled). */
    private boolean cancelled;
    /** The reset or connection error still to be signalled to the subscriber. */
    private Throwable error;
    private boolean delivering;

    StreamReceiver(MuxStream stream, int window, int updateThreshold) {
        this.stream = stream;
        this.window = new ReceiveWindow(window, updateThreshold);
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

    void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        if (subscribed || cancelled) {
            s.onSubscribe(NoSubscription.INSTANCE);
            s.onError(new IllegalStateException("stream " + stream.id()
                    + (cancelled ? ": reading was cancelled" : " already has a reader (one subscriber per stream)")));
            return;
        }
        subscribed = true;
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                stream.onLoop(() -> onRequest(n));
            }

            @Override
            public void cancel() {
                stream.onLoop(() -> cancelFromReader(dev.sluice.protocol.StreamProtocol.NO_ERROR));
            }
        });
        deliver();
    }

    private void onRequest(long n) {
        if (subscriber == null) {
            return;
        }
        if (n <= 0) {
            Flow.Subscriber<? super ByteBuffer> s = subscriber;
            cancelFromReader(dev.sluice.protocol.StreamProtocol.NO_ERROR);
            s.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams 3.9)"));
            return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        deliver();
    }

    void onData(ByteBuf payload) throws StreamProtocolException {
        int n = payload.readableBytes();
        if (state.peerEnded()) {
            throw afterEnd("DATA");
        }
        window.onData(stream.id(), n);
        if (cancelled) {
            window.onConsumed(n, false);
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(n);
        payload.getBytes(payload.readerIndex(), copy);
        copy.flip();
        buffer.add(copy);
        stream.mux().onBuffered(n);
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
            stream.maybeClosed();
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
        error = new StreamResetException(stream.id(), code, true);
        if (cancelled) {
            state = state.onEndRead();
            stream.maybeClosed();
        } else {
            deliver();
        }
    }

    /**
     * The application stops reading: discard what is buffered and ask the peer to STOP. A reader
     * still subscribed is told with {@link StreamCancelledException}, so that no thread stays blocked.
     */
    void cancel(int code) {
        Flow.Subscriber<? super ByteBuffer> waiting = subscriber;
        cancelFromReader(code);
        if (waiting != null && cancelled) {
            signal(() -> waiting.onError(new StreamCancelledException(stream.id(), code)));
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
            stream.maybeClosed();
        } else {
            stream.mux().writeControl(StreamFrame.stop(stream.id(), code));
        }
    }

    /** The connection ended: the reader fails with {@code cause} now or when it subscribes. */
    void failConnection(Throwable cause) {
        if (state.isTerminal() || cancelled) {
            return;
        }
        discardBuffer();
        error = cause;
        state = RecvState.RESET_RECVD;
        deliver();
    }

    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            while (subscriber != null) {
                if (!buffer.isEmpty() && demand > 0) {
                    ByteBuffer next = buffer.poll();
                    demand--;
                    consumed(next.remaining(), true);
                    if (!signal(() -> subscriber.onNext(next))) {
                        return;
                    }
                } else if (buffer.isEmpty() && state == RecvState.DATA_RECVD) {
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
        Flow.Subscriber<? super ByteBuffer> s = subscriber;
        subscriber = null;
        state = state.onEndRead();
        if (failure == null) {
            signal(s::onComplete);
        } else {
            signal(() -> s.onError(failure));
        }
        stream.maybeClosed();
    }

    private boolean signal(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("stream {}: the reader threw; cancelling the read side", stream.id(), e);
            cancelFromReader(dev.sluice.protocol.StreamProtocol.HANDLER_FAILED);
            return false;
        }
    }

    private void consumed(int n, boolean grantBack) {
        int grant = window.onConsumed(n, grantBack && !state.peerEnded());
        stream.mux().onBuffered(-n);
        if (grant > 0) {
            stream.mux().writeControl(StreamFrame.credit(stream.id(), grant));
        }
    }

    private void discardBuffer() {
        ByteBuffer b;
        while ((b = buffer.poll()) != null) {
            consumed(b.remaining(), false);
        }
    }

    private StreamProtocolException afterEnd(String what) {
        return new StreamProtocolException(StreamCloseCode.FRAME_AFTER_END, what + " on stream " + stream.id()
                + " after the peer ended its direction (" + (state == RecvState.RESET_RECVD || state == RecvState.RESET_READ
                ? "RESET" : "FIN") + ")");
    }

    private enum NoSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
