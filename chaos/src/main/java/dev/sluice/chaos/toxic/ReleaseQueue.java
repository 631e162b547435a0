package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * Chunks, and the end of stream, held until their release time and let go in order from a single
 * pending timer. Delaying toxics share it so that release, and flushing on removal, work alike.
 * Release times must not decrease: the caller orders them (a chunk never overtakes the one ahead).
 */
final class ReleaseQueue {
    /** A held chunk, or a held end of stream when {@code data} is null. */
    private record Held(long releaseAt, ByteBuf data) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Holds {@code data} until {@code releaseAt} (nanoTime); null holds the end of stream. */
    void add(ToxicContext context, long releaseAt, ByteBuf data) {
        held.add(new Held(releaseAt, data));
        if (held.size() == 1) {
            context.schedule(() -> releaseDue(context), releaseAt - context.nanoTime());
        }
    }

    /** Lets everything go at once, as removing the toxic does. */
    void releaseAll(ToxicContext context) {
        while (!held.isEmpty()) {
            pass(context, held.poll());
        }
    }

    private void releaseDue(ToxicContext context) {
        long now = context.nanoTime();
        while (!held.isEmpty() && held.peek().releaseAt() <= now) {
            pass(context, held.poll());
        }
        if (!held.isEmpty()) {
            context.schedule(() -> releaseDue(context), held.peek().releaseAt() - now);
        }
    }

    private static void pass(ToxicContext context, Held piece) {
        if (piece.data() == null) {
            context.end();
        } else {
            context.forward(piece.data());
        }
    }
}
