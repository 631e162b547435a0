package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;

/**
 * Limits throughput to {@code rate} KB/s (1 KB = 1000 bytes). Each piece leaves once the time its
 * length takes at that rate has passed; chunks larger than 100 ms worth of data are split so data
 * keeps flowing every 100 ms. Time is accounted from a virtual clock, so timer slack never adds up.
 * A rate of 0 means unlimited.
 */
final class BandwidthToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("bandwidth", List.of("rate"), BandwidthToxic::new);

    private static final long SLICE_MILLIS = 100;

    private final long rateKbPerSecond;
    private final ReleaseQueue held = new ReleaseQueue();
    private long clock;

    private BandwidthToxic(Map<String, Long> attributes) {
        this.rateKbPerSecond = attributes.get("rate");
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        if (rateKbPerSecond <= 0) {
            context.forward(data);
            return;
        }
        long now = context.nanoTime();
        if (held.isEmpty()) {
            clock = Math.max(clock, now);
        }
        long sliceBytes = Math.max(1, rateKbPerSecond * SLICE_MILLIS);
        while (data.readableBytes() > sliceBytes) {
            enqueue(context, data.readRetainedSlice((int) sliceBytes));
        }
        enqueue(context, data);
    }

    private void enqueue(ToxicContext context, ByteBuf piece) {
        // bytes / (rate * 1000 B/s) seconds = bytes * 1e6 / rate nanoseconds
        clock += piece.readableBytes() * 1_000_000L / rateKbPerSecond;
        held.add(context, clock, piece);
    }

    @Override
    public void onEnd(ToxicContext context) {
        if (held.isEmpty()) {
            context.end();
        } else {
            held.add(context, clock, null);
        }
    }

    @Override
    public void onRemove(ToxicContext context) {
        held.releaseAll(context);
    }
}
