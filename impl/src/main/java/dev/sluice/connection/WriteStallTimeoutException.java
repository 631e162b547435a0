package dev.sluice.connection;

/**
 * The channel stayed above its write buffer high water mark for the whole write stall timeout:
 * the peer read nothing of what was waiting for it (frozen, or reading nothing on purpose).
 */
public final class WriteStallTimeoutException extends ConnectionLostException {
    private final long waitedMillis;
    private final long pendingBytes;

    /**
     * @param waitedMillis how long the channel stayed unwritable
     * @param pendingBytes how many bytes were waiting to be written when the connection failed
     */
    public WriteStallTimeoutException(long waitedMillis, long pendingBytes) {
        super("peer read nothing for " + waitedMillis + " ms while " + pendingBytes + " bytes waited to be written");
        this.waitedMillis = waitedMillis;
        this.pendingBytes = pendingBytes;
    }

    public long waitedMillis() {
        return waitedMillis;
    }

    public long pendingBytes() {
        return pendingBytes;
    }
}
