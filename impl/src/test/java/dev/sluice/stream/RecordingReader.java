package dev.sluice.stream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A {@link SluiceStream#byteBufReads()} subscriber for event-loop-inline tests: records each signal
 * as a string ("a", "end", "error: ...") and releases every buffer it is handed; requests nothing by itself.
 */
final class RecordingReader implements Flow.Subscriber<ByteBuf> {
    final List<String> signals = new ArrayList<>();
    Flow.Subscription subscription;
    Throwable error;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(ByteBuf item) {
        try {
            signals.add(item.toString(StandardCharsets.US_ASCII));
        } finally {
            item.release();
        }
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        signals.add("error: " + t.getMessage());
    }

    @Override
    public void onComplete() {
        signals.add("end");
    }
}
