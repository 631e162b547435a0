package dev.sluice.stream;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Adapts a {@code ByteBuffer} subscriber to the zero-copy {@code ByteBuf} reads: each buffer is
 * copied once into a heap {@code ByteBuffer} the subscriber may keep, and released.
 */
final class CopyingReader implements Flow.Subscriber<ByteBuf> {
    private final Flow.Subscriber<? super ByteBuffer> downstream;

    CopyingReader(Flow.Subscriber<? super ByteBuffer> downstream) {
        this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(ByteBuf item) {
        ByteBuffer copy;
        try {
            copy = ByteBuffer.allocate(item.readableBytes());
            item.getBytes(item.readerIndex(), copy);
            copy.flip();
        } finally {
            item.release();
        }
        downstream.onNext(copy);
    }

    @Override
    public void onError(Throwable throwable) {
        downstream.onError(throwable);
    }

    @Override
    public void onComplete() {
        downstream.onComplete();
    }
}
