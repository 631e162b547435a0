package dev.sluice.websocket;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out unpooled heap buffers and remembers each one, so that a test can check that every
 * buffer a pipeline allocated was released, right away rather than when a GC happens to run.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> allocated = new ArrayList<>();
    private int largestRequest;

    TrackingAllocator() {
        super(false);
    }

    /** Registers a buffer created outside the allocator (such as a test's input). */
    ByteBuf track(ByteBuf buf) {
        allocated.add(buf);
        return buf;
    }

    /** How many tracked buffers are still referenced. */
    long unreleased() {
        return allocated.stream().filter(buf -> buf.refCnt() > 0).count();
    }

    /** The largest initial capacity asked of this allocator. */
    int largestRequest() {
        return largestRequest;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        largestRequest = Math.max(largestRequest, initialCapacity);
        return track(UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
