package dev.sluice.stream;

/** This side cancelled reading ({@code cancelRead} or {@code close}) while a reader was still waiting. */
public final class StreamCancelledException extends StreamException {
    public StreamCancelledException(int streamId, int code) {
        super(streamId, code, "stream " + streamId + ": reading was cancelled by this side with code " + describe(code));
    }
}
