package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Passes data untouched but delays the end of stream by {@code delay} milliseconds. */
final class SlowCloseToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("slow_close", List.of("delay"), SlowCloseToxic::new);

    private final long delayNanos;
    private boolean endHeld;

    private SlowCloseToxic(Map<String, Long> attributes) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(attributes.get("delay"));
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        context.forward(data);
    }

    @Override
    public void onEnd(ToxicContext context) {
        endHeld = true;
        context.schedule(() -> releaseEnd(context), delayNanos);
    }

    @Override
    public void onRemove(ToxicContext context) {
        releaseEnd(context);
    }

    private void releaseEnd(ToxicContext context) {
        if (endHeld) {
            endHeld = false;
            context.end();
        }
    }
}
