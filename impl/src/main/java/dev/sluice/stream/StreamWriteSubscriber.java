package dev.sluice.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes what an upstream publisher emits to a stream, requesting the next buffer only after the
 * previous write was accepted (so the publisher goes no faster than the peer's credit). Upstream
 * completion sends FIN; an upstream error aborts the write side with {@link #abortCode}.
 */
public final class StreamWriteSubscriber implements Flow.Subscriber<ByteBuffer> {
    private final SluiceStream stream;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final int abortCode;
    private Flow.Subscription subscription;

    StreamWriteSubscriber(SluiceStream stream) {
        this(stream, dev.sluice.protocol.StreamProtocol.NO_ERROR);
    }

    StreamWriteSubscriber(SluiceStream stream, int abortCode) {
        this.stream = stream;
        this.abortCode = abortCode;
    }

    /** Completes after the FIN is handed to the connection; fails with the first error. */
    public CompletionStage<Void> completion() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            s.cancel();
            return;
        }
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
        stream.write(item).whenComplete((v, e) -> {
            if (e == null) {
                subscription.request(1);
            } else {
                subscription.cancel();
                done.completeExceptionally(e);
            }
        });
    }

    @Override
    public void onError(Throwable t) {
        stream.abortWrite(abortCode);
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        stream.closeWrite().whenComplete((v, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        });
    }
}
