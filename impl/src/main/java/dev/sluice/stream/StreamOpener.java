package dev.sluice.stream;

import dev.sluice.protocol.StreamProtocol;
import dev.sluice.connection.ConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Opens local streams from any thread. Ids are allocated on the event loop, so the opening CREDIT
 * frames leave in id order whichever threads call.
 */
final class StreamOpener {
    private final Supplier<MuxStream> openOnLoop;
    private final LoopExecutor loop;
    private final Termination termination;

    /** @param openOnLoop opens a stream; called on the event loop, throws IllegalStateException when it cannot */
    StreamOpener(Supplier<MuxStream> openOnLoop, LoopExecutor loop, Termination termination) {
        this.openOnLoop = openOnLoop;
        this.loop = loop;
        this.termination = termination;
    }

    CompletionStage<SluiceStream> openAsync() {
        CompletableFuture<SluiceStream> opened = new CompletableFuture<>();
        if (!loop.execute(() -> {
            if (opened.isDone()) {
                return;
            }
            try {
                MuxStream s = openOnLoop.get();
                if (!opened.complete(s)) {
                    abandon(s);
                }
            } catch (IllegalStateException e) {
                opened.completeExceptionally(e);
            }
        })) {
            ConnectionException why = termination.rejected(loop.attached());
            opened.completeExceptionally(new IllegalStateException("cannot open a stream: " + why.getMessage(), why));
        }
        return opened;
    }

    SluiceStream open(Duration timeout) {
        if (loop.inLoop()) {
            return openOnLoop.get();
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
