package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cuts data into slices of {@code average_size} ± {@code size_variation} bytes and sends them
 * {@code delay} microseconds apart. Slice sizes are drawn from the toxic's seeded random source.
 * An average size of 0 passes data through unsliced.
 */
final class SlicerToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind(
            "slicer", List.of("average_size", "size_variation", "delay"), SlicerToxic::new);

    private final long averageSize;
    private final long variation;
    private final long delayNanos;
    /** Slices waiting for their turn; a null entry is a held end of stream. */
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private boolean endQueued;
    private boolean draining;

    private SlicerToxic(Map<String, Long> attributes) {
        this.averageSize = attributes.get("average_size");
        this.variation = Math.min(attributes.get("size_variation"), Math.max(0, averageSize - 1));
        this.delayNanos = TimeUnit.MICROSECONDS.toNanos(attributes.get("delay"));
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        if (averageSize <= 0) {
            context.forward(data);
            return;
        }
        while (data.isReadable()) {
            long size = context.random().nextBetween("slice", averageSize - variation, averageSize + variation);
            if (size >= data.readableBytes()) {
                queue.add(data);
                data = null;
                break;
            }
            queue.add(data.readRetainedSlice((int) size));
        }
        if (data != null) {
            context.drop(data);
        }
        drain(context);
    }

    @Override
    public void onEnd(ToxicContext context) {
        endQueued = true;
        drain(context);
    }

    private void drain(ToxicContext context) {
        if (draining) {
            return;
        }
        if (!queue.isEmpty()) {
            context.forward(queue.poll());
            if (!queue.isEmpty() || endQueued) {
                draining = true;
                context.schedule(() -> {
                    draining = false;
                    drain(context);
                }, delayNanos);
            }
            return;
        }
        if (endQueued) {
            endQueued = false;
            context.end();
        }
    }

    @Override
    public void onRemove(ToxicContext context) {
        while (!queue.isEmpty()) {
            context.forward(queue.poll());
        }
        if (endQueued) {
            endQueued = false;
            context.end();
        }
    }
}
