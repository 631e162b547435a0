package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * On the first chunk or the end of stream, waits {@code timeout} milliseconds and then resets both
 * sockets (TCP RST through SO_LINGER 0). Data arriving meanwhile is dropped: a graceful FIN must
 * not overtake the reset.
 */
final class ResetPeerToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("reset_peer", List.of("timeout"), ResetPeerToxic::new);

    private final long timeoutNanos;
    private boolean triggered;

    private ResetPeerToxic(Map<String, Long> attributes) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(attributes.get("timeout"));
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        context.drop(data);
        trigger(context);
    }

    @Override
    public void onEnd(ToxicContext context) {
        trigger(context);
    }

    private void trigger(ToxicContext context) {
        if (!triggered) {
            triggered = true;
            context.schedule(context::resetConnection, timeoutNanos);
        }
    }
}
