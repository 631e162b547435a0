package dev.sluice.stream;

import io.netty.buffer.ByteBuf;

/**
 * A seam for tests of the tools that must catch transport bugs: a fault harness can hand a
 * connection hooks that break it on purpose (drop a frame, ignore credit, never send FIN, ...) and
 * prove that its checks notice. The default, {@link #NONE}, changes nothing, and production code
 * has no reason to set any other. Every method runs on the connection's event loop.
 */
public interface StreamHooks {
    /** The hooks that change nothing. */
    StreamHooks NONE = new StreamHooks() {
    };

    /** Inbound DATA about to be accounted and buffered; true drops it unseen. */
    default boolean dropInboundData(int streamId, ByteBuf payload) {
        return false;
    }

    /** An outbound DATA payload about to be written; may change its bytes. */
    default void outboundData(int streamId, ByteBuf payload) {
    }

    /** True makes the sender treat the peer's credit as unlimited. */
    default boolean ignoreCredit() {
        return false;
    }

    /** False makes a finished write side skip its FIN frame (its state still moves on). */
    default boolean sendFin(int streamId) {
        return true;
    }

    /** False makes a RESET from the peer forget the stream without ending its reader. */
    default boolean endReaderOnReset(int streamId) {
        return true;
    }
}
