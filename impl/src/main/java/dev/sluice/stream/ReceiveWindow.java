package dev.sluice.stream;

import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamProtocolException;

/**
 * The receiving side of one stream's flow control. Invariant, always:
 * {@code peerCredit + buffered + consumedNotGranted == window}, each term non-negative. Credit is
 * granted back only as the application consumes (demand-driven), in batches of at least
 * {@code updateThreshold} bytes, and so never exceeds the window. Owned by the stream's event loop.
 */
final class ReceiveWindow {
    private final int window;
    private final int updateThreshold;
    private long peerCredit;
    private long buffered;
    private long consumedNotGranted;

    /** Starts with the whole window granted to the peer (by the stream's opening CREDIT). */
    ReceiveWindow(int window, int updateThreshold) {
        this.window = window;
        this.updateThreshold = Math.max(1, Math.min(updateThreshold, window));
        this.peerCredit = window;
    }

    /** Accounts DATA from the peer; beyond its credit it is a protocol violation, never dropped. */
    void onData(int streamId, int bytes) throws StreamProtocolException {
        if (bytes > peerCredit) {
            throw new StreamProtocolException(StreamCloseCode.FLOW_CONTROL, "stream " + streamId + ": " + bytes
                    + " bytes of DATA with only " + peerCredit + " bytes of credit (window " + window + ")");
        }
        peerCredit -= bytes;
        buffered += bytes;
    }

    /**
     * The application consumed (or discarded) buffered bytes.
     *
     * @return the credit to grant now, or 0 to keep batching
     */
    int onConsumed(int bytes, boolean grantBack) {
        if (bytes > buffered) {
            throw new IllegalStateException("consumed " + bytes + " bytes with only " + buffered + " buffered");
        }
        buffered -= bytes;
        consumedNotGranted += bytes;
        if (!grantBack || consumedNotGranted < updateThreshold) {
            return 0;
        }
        int grant = (int) consumedNotGranted;
        consumedNotGranted = 0;
        peerCredit += grant;
        return grant;
    }

    int window() {
        return window;
    }

    long peerCredit() {
        return peerCredit;
    }

    long buffered() {
        return buffered;
    }
}
