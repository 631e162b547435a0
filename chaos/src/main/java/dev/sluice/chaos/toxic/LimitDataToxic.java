package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;

/** Forwards at most {@code bytes} bytes on this link, then closes the connection. */
final class LimitDataToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("limit_data", List.of("bytes"), LimitDataToxic::new);

    private final long limit;
    private long forwarded;

    private LimitDataToxic(Map<String, Long> attributes) {
        this.limit = attributes.get("bytes");
    }

    /** The count survives an update, as in Toxiproxy: raising the limit lets more through, not a fresh allowance. */
    @Override
    public void continueFrom(Toxic previous) {
        if (previous instanceof LimitDataToxic earlier) {
            forwarded = earlier.forwarded;
        }
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        long remaining = limit - forwarded;
        if (data.readableBytes() < remaining) {
            forwarded += data.readableBytes();
            context.forward(data);
            return;
        }
        if (remaining > 0) {
            forwarded = limit;
            context.forward(data.readRetainedSlice((int) remaining));
        }
        context.drop(data);
        context.end();
    }
}
