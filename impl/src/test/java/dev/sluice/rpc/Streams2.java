package dev.sluice.rpc;

import dev.sluice.stream.SluiceStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Byte-level helpers for the RPC tests. */
final class Streams2 {
    private Streams2() {
    }

    /** Every byte of {@code stream}'s reads, once it ends. */
    static CompletableFuture<byte[]> readAll(SluiceStream stream) {
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.reads().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.write(bytes, 0, bytes.length);
            }

            @Override
            public void onError(Throwable failure) {
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                all.complete(out.toByteArray());
            }
        });
        return all;
    }
}
