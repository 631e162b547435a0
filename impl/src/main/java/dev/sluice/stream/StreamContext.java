package dev.sluice.stream;

import dev.sluice.connection.ConnectionException;

/**
 * What each stream of one connection is handed: its limits, where its frames go, the connection's
 * inbound budget and event loop, and where it reports that it closed.
 */
record StreamContext(StreamConfig config, FrameSink sink, InboundBudget budget, LoopExecutor loop,
        Termination termination, StreamTable table, AfterStreamClosed afterClose) {

    /** Hears that a stream closed and left the table (a graceful stop ends with the last one). */
    interface AfterStreamClosed {
        void afterStreamClosed();
    }

    ConnectionException rejectedCause() {
        return termination.rejected(loop.attached());
    }

    void streamClosed(MuxStream stream) {
        table.remove(stream);
        afterClose.afterStreamClosed();
    }
}
