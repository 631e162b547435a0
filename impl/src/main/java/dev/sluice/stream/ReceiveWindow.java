package dev.sluice.stream;

import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamProtocolException;

/**
 * The receiving side of one stream's flow control. Invariant, always:
 * {@code peerCredit + buffered + consumedNotGranted == window}, each term non-negative. Credit is
 * granted back only as the application consumes, in batches of at least a quarter of the window,
 * and so never exceeds the window.
 *
 * <p>The window grows while the reader keeps up: when the peer used up its credit (the window,
 * not the reader, was the limit) and the reader's backlog is within one credit batch (a quarter of
 * the window; an echo that writes each buffer before it reads the next always holds a little),
 * the window doubles, up to {@code maxWindow} and as far as the connection's growth budget allows. One
 * stream's throughput is about window / round trip, and a busy event loop stretches the round
 * trip; a reader that falls behind never triggers growth, so a slow consumer keeps the window it
 * was given. (gRPC's BDP-based tuning and quic-go's auto-tuning grow windows the same way, from
 * evidence that the window is the bottleneck.) Owned by the stream's event loop.
 */
final class ReceiveWindow {
    private final int initialWindow;
    private final int maxWindow;
    private final InboundBudget budget;
    private int window;
    private int updateThreshold;
    private long peerCredit;
    private long buffered;
    private long consumedNotGranted;
    /** The peer's credit ran out (below one batch) since the last grant: the window was the limit. */
    private boolean windowLimited;

    /** Starts with the whole window granted to the peer (by the stream's opening CREDIT). */
    ReceiveWindow(int window, int maxWindow, InboundBudget budget) {
        this.initialWindow = window;
        this.maxWindow = Math.max(window, maxWindow);
        this.budget = budget;
        this.window = window;
        this.updateThreshold = threshold(window);
        this.peerCredit = window;
    }

    private static int threshold(int window) {
        return Math.max(1, window / 4);
    }

    /** Accounts DATA from the peer; beyond its credit it is a protocol violation, never dropped. */
    void onData(int streamId, int bytes) throws StreamProtocolException {
        if (bytes > peerCredit) {
            throw new StreamProtocolException(StreamCloseCode.FLOW_CONTROL, "stream " + streamId + ": " + bytes
                    + " bytes of DATA with only " + peerCredit + " bytes of credit (window " + window + ")");
        }
        peerCredit -= bytes;
        buffered += bytes;
        if (peerCredit < updateThreshold) {
            windowLimited = true;
        }
    }

    /**
     * The application consumed (or discarded) buffered bytes.
     *
     * @param grantBack false once the peer ended its direction (no credit to return) or when the
     *                  bytes were discarded
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
        long grant = consumedNotGranted + grow();
        consumedNotGranted = 0;
        peerCredit += grant;
        windowLimited = false;
        return (int) grant;
    }

    /** Extra window when the window was the limit and the reader has (nearly) caught up; 0 otherwise. */
    private long grow() {
        if (!windowLimited || buffered > updateThreshold || window >= maxWindow) {
            return 0;
        }
        long extra = budget.takeGrowth(Math.min((long) window, (long) maxWindow - window));
        window += (int) extra;
        updateThreshold = threshold(window);
        return extra;
    }

    /** The stream closed: the growth it took goes back to the connection. */
    void release() {
        budget.returnGrowth(window - initialWindow);
        window = initialWindow;
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
