package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Flow;

/**
 * The values of a stream's messages as a {@link Flow.Publisher}: demand goes to the
 * {@link MessageReader}, and each message is turned into its value (a failure to do so fails the
 * subscriber and is reported to the call). Its owner forwards the reader's signals here.
 */
final class ReaderPublisher implements Flow.Publisher<JsonNode>, Flow.Subscription {
    /** Turns a message into the value it carries. */
    @FunctionalInterface
    interface Unwrap {
        JsonNode value(JsonNode message) throws RpcException;
    }

    /** What the owning call hears from this publisher. */
    interface Owner {
        /** The subscriber cancelled: it wants no more values. */
        void onCancelled();

        /** A message did not carry a value; the subscriber got the error. */
        void onBadMessage(RpcException error);
    }

    private final MessageReader reader;
    private final Unwrap unwrap;
    private final Owner owner;
    private final Object lock = new Object();
    private Flow.Subscriber<? super JsonNode> subscriber;
    private Throwable terminalFailure;
    private boolean terminalEnd;
    private boolean done;

    ReaderPublisher(MessageReader reader, Unwrap unwrap, Owner owner) {
        this.reader = reader;
        this.unwrap = unwrap;
        this.owner = owner;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super JsonNode> s) {
        synchronized (lock) {
            if (subscriber != null) {
                s.onSubscribe(this);
                s.onError(new IllegalStateException("these messages already have a subscriber"));
                return;
            }
            subscriber = s;
        }
        s.onSubscribe(this);
        synchronized (lock) {
            if (terminalFailure != null || terminalEnd) {
                deliverTerminal();
            }
        }
    }

    @Override
    public void request(long n) {
        if (!isDone()) {
            reader.request(n);
        }
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
        }
        owner.onCancelled();
    }

    void onMessage(JsonNode message) {
        Flow.Subscriber<? super JsonNode> s;
        synchronized (lock) {
            s = done ? null : subscriber;
        }
        if (s == null) {
            return;
        }
        JsonNode value;
        try {
            value = unwrap.value(message);
        } catch (RpcException e) {
            fail(e);
            owner.onBadMessage(e);
            return;
        }
        s.onNext(value);
    }

    void onEnd() {
        synchronized (lock) {
            terminalEnd = true;
            if (subscriber != null) {
                deliverTerminal();
            }
        }
    }

    /** Fails the subscriber (now, or when it subscribes). */
    void fail(Throwable failure) {
        synchronized (lock) {
            if (terminalFailure == null && !terminalEnd) {
                terminalFailure = failure;
            }
            if (subscriber != null) {
                deliverTerminal();
            }
        }
    }

    private boolean isDone() {
        synchronized (lock) {
            return done;
        }
    }

    private void deliverTerminal() {
        if (done) {
            return;
        }
        done = true;
        if (terminalFailure != null) {
            subscriber.onError(terminalFailure);
        } else {
            subscriber.onComplete();
        }
    }
}
