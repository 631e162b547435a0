package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delays each chunk by {@code latency} ± {@code jitter} milliseconds after it reaches this toxic.
 * Chunks keep their order (a chunk never leaves before the one ahead of it), so throughput is
 * unchanged and stacked latency toxics add up.
 */
final class LatencyToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("latency", List.of("latency", "jitter"), LatencyToxic::new);

    private final long latencyNanos;
    private final long jitterMillis;
    private final ReleaseQueue held = new ReleaseQueue();
    private long lastReleaseAt;

    private LatencyToxic(Map<String, Long> attributes) {
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(attributes.get("latency"));
        this.jitterMillis = attributes.get("jitter");
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        long jitter = jitterMillis == 0 ? 0 : context.random().nextBetween("jitter", -jitterMillis, jitterMillis);
        hold(context, context.nanoTime() + latencyNanos + TimeUnit.MILLISECONDS.toNanos(jitter), data);
    }

    @Override
    public void onEnd(ToxicContext context) {
        hold(context, context.nanoTime() + latencyNanos, null);
    }

    private void hold(ToxicContext context, long releaseAt, ByteBuf data) {
        long at = Math.max(releaseAt, lastReleaseAt);
        lastReleaseAt = at;
        held.add(context, at, data);
    }

    @Override
    public void onRemove(ToxicContext context) {
        held.releaseAll(context);
    }
}
