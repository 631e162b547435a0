package dev.sluice.bench.sluice;

import dev.sluice.stream.SluiceStream;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Reads a stream without copying where the transport allows it: each received buffer is shown to
 * a {@code ByteBuffer} subscriber as a view for the length of its {@code onNext}, then released.
 * The raw Netty client reads its frames the same way, so the bench compares like with like. Only
 * loaded where the transport has zero-copy reads ({@link ZeroCopyEcho#AVAILABLE}).
 */
final class ZeroCopyReads implements Flow.Subscriber<ByteBuf> {
    private final Flow.Subscriber<ByteBuffer> viewer;

    private ZeroCopyReads(Flow.Subscriber<ByteBuffer> viewer) {
        this.viewer = viewer;
    }

    /** Subscribes {@code viewer}, which must not keep a buffer beyond its {@code onNext}. */
    static void subscribe(SluiceStream stream, Flow.Subscriber<ByteBuffer> viewer) {
        stream.byteBufReads().subscribe(new ZeroCopyReads(viewer));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        viewer.onSubscribe(subscription);
    }

    @Override
    public void onNext(ByteBuf item) {
        try {
            viewer.onNext(item.nioBuffer());
        } finally {
            item.release();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        viewer.onError(throwable);
    }

    @Override
    public void onComplete() {
        viewer.onComplete();
    }
}
