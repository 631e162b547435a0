package dev.sluice.chaos.toxic;

import dev.sluice.chaos.random.DecisionSource;
import io.netty.buffer.ByteBuf;

/** What a {@link Toxic} may do to its link; see the contract on {@link Toxic}. */
public interface ToxicContext {

    /** Passes data on to the next stage (the next toxic or the receiving socket). */
    void forward(ByteBuf data);

    /** Discards data the toxic will never pass on. */
    void drop(ByteBuf data);

    /** Passes the end of stream on to the next stage. */
    void end();

    /** Runs {@code task} on the link's event loop after {@code delayNanos}, unless the toxic has left the link. */
    void schedule(Runnable task, long delayNanos);

    /** The monotonic clock toxics measure time with. */
    long nanoTime();

    /** Closes both sockets of the connection gracefully (FIN). */
    void closeConnection();

    /** Closes both sockets of the connection with a TCP RST (SO_LINGER 0). */
    void resetConnection();

    /** Half-closes the receiving socket of this link (FIN in this direction only). */
    void shutdownReceiver();

    /** This toxic's source of random decisions, derived from the server's seed. */
    DecisionSource random();
}
