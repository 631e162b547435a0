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

    /**
     * One view per piece of memory: a payload gathered over several reads is a composite, and its
     * {@code nioBuffer()} would be a heap copy of the whole (64 KiB of garbage and a copy per 64 KiB
     * message), where {@code nioBuffers()} gives a view of each part.
     */
    @Override
    public void onNext(ByteBuf item) {
        try {
            if (item.nioBufferCount() == 1) {
                viewer.onNext(item.nioBuffer());
            } else {
                for (ByteBuffer view : item.nioBuffers()) {
                    viewer.onNext(view);
                }
            }
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
