package dev.sluice.connection;

/** No inbound frame arrived within the keep-alive timeout: the peer is gone or frozen. */
public final class KeepAliveTimeoutException extends ConnectionLostException {
    private final long waitedMillis;

    /**
     * @param waitedMillis       how long nothing arrived
     * @param intervalMillis     the configured ping interval
     * @param pingsAnswered      how many pings got a pong before this one, for the message
     */
    public KeepAliveTimeoutException(long waitedMillis, long intervalMillis, long pingsAnswered) {
        super("no frame from the peer within the keep-alive timeout of " + waitedMillis + " ms (pinging every "
                + intervalMillis + " ms, after " + pingsAnswered + " answered pings)");
        this.waitedMillis = waitedMillis;
    }

    public long waitedMillis() {
        return waitedMillis;
    }
}
