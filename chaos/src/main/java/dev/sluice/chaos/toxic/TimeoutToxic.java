package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A black hole: drops all data, and closes the connection {@code timeout} milliseconds after it
 * starts (never when 0). Removing it closes the connection too, as Toxiproxy does: the data it
 * swallowed is gone, so the stream can no longer be trusted.
 */
final class TimeoutToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("timeout", List.of("timeout"), TimeoutToxic::new);

    private final long timeoutMillis;

    private TimeoutToxic(Map<String, Long> attributes) {
        this.timeoutMillis = attributes.get("timeout");
    }

    @Override
    public void onStart(ToxicContext context) {
        if (timeoutMillis > 0) {
            context.schedule(context::closeConnection, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        context.drop(data);
    }

    @Override
    public void onRemove(ToxicContext context) {
        context.closeConnection();
    }
}
