package dev.sluice.stream;

/** The peer cancelled reading (STOP) with a code: this side's writes on the stream fail with it. */
public final class StreamStoppedException extends StreamException {
    public StreamStoppedException(int streamId, int code) {
        super(streamId, code, "stream " + streamId + ": the peer stopped reading with code " + describe(code));
    }
}
