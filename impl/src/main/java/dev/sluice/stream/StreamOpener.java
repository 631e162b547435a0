package dev.sluice.stream;

import dev.sluice.protocol.StreamProtocol;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
            if (opened.isDone()) {
                return;
            }
            try {
                MuxStream s = mux.openLocal();
                if (!opened.complete(s)) {
                    abandon(s);
                }
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
        CompletableFuture<SluiceStream> opened = openAsync().toCompletableFuture();
        try {
            return opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e);
        } catch (TimeoutException e) {
            if (opened.cancel(false)) {
                throw new IllegalStateException("cannot open a stream: the connection's event loop did not answer within "
                        + timeout.toMillis() + " ms");
            }
            try {
                return opened.join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException r ? r : failed;
            }
        } catch (InterruptedException e) {
            // the open may still go through: the cancelled future makes the event loop abandon it
            if (!opened.cancel(false)) {
                opened.thenAccept(StreamOpener::abandon);
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a stream", e);
        }
    }

    private static RuntimeException failure(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("cannot open a stream: " + e.getCause(), e.getCause());
    }

    /** The caller gave up before the stream opened: end it both ways so that it does not stay open. */
    private static void abandon(SluiceStream s) {
        s.abortWrite(StreamProtocol.NO_ERROR);
        s.cancelRead(StreamProtocol.NO_ERROR);
    }
}
