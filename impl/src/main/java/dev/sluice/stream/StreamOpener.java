package dev.sluice.stream;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens local streams from any thread. Ids are allocated on the event loop, so the opening CREDIT
 * frames leave in id order whichever threads call.
 */
final class StreamOpener {
    private final StreamMultiplexer mux;

    StreamOpener(StreamMultiplexer mux) {
        this.mux = mux;
    }

    CompletionStage<SluiceStream> openAsync() {
        CompletableFuture<SluiceStream> opened = new CompletableFuture<>();
        if (!mux.execute(() -> {
            try {
                opened.complete(mux.openLocal());
            } catch (IllegalStateException e) {
                opened.completeExceptionally(e);
            }
        })) {
            opened.completeExceptionally(new IllegalStateException("cannot open a stream: "
                    + mux.rejectedCause().getMessage(), mux.rejectedCause()));
        }
        return opened;
    }

    SluiceStream open(EventLoop loop, Duration timeout) {
        if (loop != null && loop.inEventLoop()) {
            return mux.openLocal();
        }
        try {
            return openAsync().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot open a stream: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot open a stream: the connection's event loop did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a stream", e);
        }
    }
}
