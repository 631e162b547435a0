package dev.sluice.stream;

import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;

/**
 * How many DATA bytes this side may still send on one stream: the peer's grants minus what was
 * sent. Never negative; a peer whose grants would push it above 2^31-1 broke the protocol (its
 * window cannot be that large). Owned by the stream's event loop.
 */
final class SendCredit {
    private final StreamHooks hooks;
    /** Grants minus bytes sent. (Negative only when a deliberate defect ignores credit.) */
    private long available;
    /** The peer's window: its first grant; -1 until then. */
    private long openingGrant = -1;

    SendCredit(StreamHooks hooks) {
        this.hooks = hooks;
    }

    /** Adds a peer grant; the first grant is the peer's window (used for {@link #inFlight()}). */
    void grant(int streamId, int increment) throws StreamProtocolException {
        if (available + increment > StreamProtocol.MAX_CREDIT) {
            throw new StreamProtocolException(StreamCloseCode.CREDIT_OVERFLOW, "stream " + streamId
                    + ": credit grants add up to " + (available + increment) + " bytes, above 2^31-1");
        }
        if (openingGrant < 0) {
            openingGrant = increment;
        }
        available += increment;
    }

    long available() {
        return hooks.ignoreCredit() ? Integer.MAX_VALUE : available;
    }

    void consume(int bytes) {
        if (bytes > available()) {
            throw new IllegalStateException("sending " + bytes + " bytes with only " + available + " credit");
        }
        available -= bytes;
    }

    /**
     * Bytes sent that the peer's reader has not yet consumed (granted back): sent minus the grants
     * after the opening one, which is the opening window minus what is available now.
     */
    long inFlight() {
        return openingGrant < 0 ? 0 : openingGrant - available;
    }
}
