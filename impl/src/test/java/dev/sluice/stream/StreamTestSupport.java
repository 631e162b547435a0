package dev.sluice.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;

/** Helpers for stream tests: seeded data, sequential writers, collecting readers, polling waits. */
public final class StreamTestSupport {
    private StreamTestSupport() {
    }

    public static byte[] randomBytes(long seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code data} in chunks, each after the previous one was accepted, then FIN. */
    public static CompletableFuture<Void> writeAll(SluiceStream stream, byte[] data, int chunk) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writeFrom(stream, data, 0, chunk, done);
        return done;
    }

    private static void writeFrom(SluiceStream stream, byte[] data, int offset, int chunk, CompletableFuture<Void> done) {
        if (offset >= data.length) {
            forward(stream.closeWrite(), done);
            return;
        }
        int n = Math.min(chunk, data.length - offset);
        stream.write(ByteBuffer.wrap(data, offset, n)).whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                writeFrom(stream, data, offset + n, chunk, done);
            }
        });
    }

    private static void forward(CompletionStage<Void> stage, CompletableFuture<Void> to) {
        stage.whenComplete((v, e) -> {
            if (e == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(e);
            }
        });
    }

    /** Reads a whole stream with unbounded demand. */
    public static CompletableFuture<byte[]> readAll(SluiceStream stream) {
        Collector c = new Collector(Long.MAX_VALUE);
        stream.reads().subscribe(c);
        return c.result;
    }

    /** Collects every buffer; requests {@code batch} at a time (Long.MAX_VALUE: everything). */
    public static final class Collector implements Flow.Subscriber<ByteBuffer> {
        public final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long batch;
        public volatile Flow.Subscription subscription;

        public Collector(long batch) {
            this.batch = batch;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(batch);
        }

        @Override
        public synchronized void onNext(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            bytes.write(b, 0, b.length);
        }

        public synchronized int received() {
            return bytes.size();
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public synchronized void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes. */
    public static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
