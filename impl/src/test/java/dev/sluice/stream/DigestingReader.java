package dev.sluice.stream;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Reads a stream to its end, keeping only a SHA-256 digest and a byte count. */
public final class DigestingReader implements Flow.Subscriber<ByteBuffer> {
    public final CompletableFuture<byte[]> digest = new CompletableFuture<>();
    private final MessageDigest sha;
    private long bytes;

    public DigestingReader() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
        bytes += item.remaining();
        sha.update(item);
    }

    @Override
    public void onError(Throwable t) {
        digest.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        digest.complete(sha.digest());
    }
}
