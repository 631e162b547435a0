package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.SluiceStream;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * Writes the values of a {@link Flow.Publisher} to a stream, one message each. It asks for a value
 * only when fewer than {@link #WINDOW} writes are waiting: a write completes only as the peer's
 * credit allows, so a slow reader on the other side slows the producer here.
 */
final class MessagePump implements Flow.Subscriber<JsonNode> {
    /** Writes in flight at most: enough to keep a small-message stream busy, few enough to hold little. */
    static final int WINDOW = 16;

    /** Hears how the pumping ended: exactly one call. */
    interface Listener {
        /** The publisher completed; every value was queued for writing. */
        void onPumped();

        /** The publisher failed. */
        void onSourceFailed(Throwable failure);

        /** A write failed (the peer stopped reading, the stream was aborted or the connection ended). */
        void onWriteFailed(Throwable failure);
    }

    private final SluiceStream stream;
    private final Function<JsonNode, JsonNode> envelope;
    private final Listener listener;
    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private boolean cancelled;
    private boolean ended;

    MessagePump(SluiceStream stream, Function<JsonNode, JsonNode> envelope, Listener listener) {
        this.stream = stream;
        this.envelope = envelope;
        this.listener = listener;
    }

    /** Cancels the publisher's subscription; the listener hears nothing more. */
    void cancel() {
        Flow.Subscription s;
        synchronized (lock) {
            cancelled = true;
            ended = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (lock) {
            cancel = cancelled || subscription != null;
            if (subscription == null) {
                subscription = s;
            }
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(WINDOW);
        }
    }

    @Override
    public void onNext(JsonNode value) {
        if (isEnded()) {
            return;
        }
        stream.write(Json.encodeLine(envelope.apply(value))).whenComplete((v, e) -> {
            if (e != null) {
                if (end()) {
                    subscription.cancel();
                    listener.onWriteFailed(e);
                }
            } else if (!isEnded()) {
                subscription.request(1);
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        if (end()) {
            listener.onSourceFailed(failure);
        }
    }

    @Override
    public void onComplete() {
        if (end()) {
            listener.onPumped();
        }
    }

    private boolean isEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    private boolean end() {
        synchronized (lock) {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }
    }
}
