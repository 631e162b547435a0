package dev.sluice.stream;

/**
 * A sending direction was aborted with a code: by the peer (seen by this side's reader) or by
 * this side's {@code abortWrite} (seen by writes that were still pending).
 */
public final class StreamResetException extends StreamException {
    private final boolean byPeer;

    public StreamResetException(int streamId, int code, boolean byPeer) {
        super(streamId, code, byPeer
                ? "stream " + streamId + " was reset by the peer with code " + describe(code)
                : "stream " + streamId + ": write side aborted by this side with code " + describe(code));
        this.byPeer = byPeer;
    }

    public boolean byPeer() {
        return byPeer;
    }
}
