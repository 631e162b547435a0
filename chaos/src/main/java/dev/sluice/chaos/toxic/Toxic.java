package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;

/**
 * One fault applied to one direction (a link) of one proxied connection.
 *
 * <p>The contract, written once for every toxic:
 * <ul>
 *   <li>Every method runs on the connection's event loop; a toxic needs no locking.
 *   <li>{@link #onData} hands over ownership of the buffer: the toxic either passes it on with
 *       {@link ToxicContext#forward} (now, or later from a task scheduled through the context) or
 *       gives it up with {@link ToxicContext#drop}. Nothing else releases it.
 *   <li>{@link #onEnd} reports that the sending side reached end of stream. The toxic passes the
 *       end on with {@link ToxicContext#end} after everything it holds, or closes the connection.
 *   <li>{@link #onRemove} is called when the toxic is removed from a live link (or replaced by an
 *       update, or the connection closes): it passes on everything it holds, in order, at once,
 *       including a held end of stream. Timers scheduled through the context stop firing after it.
 *   <li>Randomness comes only from {@link ToxicContext#random()}, so a seed replays every choice.
 * </ul>
 * A toxic whose toxicity draw failed is never instantiated on that link: data passes untouched.
 */
public interface Toxic {

    /**
     * Called before {@link #onStart} when this toxic replaces {@code previous} on the link after an
     * update of its attributes or toxicity: state the toxic keeps across updates is taken over here.
     */
    default void continueFrom(Toxic previous) {
    }

    /** Called once when the toxic starts on the link, before any data. */
    default void onStart(ToxicContext context) {
    }

    /** Data from the previous stage; ownership passes to the toxic. */
    void onData(ToxicContext context, ByteBuf data);

    /** The sending side reached end of stream. */
    default void onEnd(ToxicContext context) {
        context.end();
    }

    /** The toxic leaves the link: pass on what it holds, in order, immediately. */
    default void onRemove(ToxicContext context) {
    }
}
