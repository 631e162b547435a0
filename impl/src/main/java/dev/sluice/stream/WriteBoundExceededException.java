package dev.sluice.stream;

/**
 * A write refused because the stream already holds its bound of written-but-unsent bytes
 * ({@link StreamConfig#maxUnsentWriteBytes()}): the writer went faster than the peer's credit or
 * the socket. Wait for an earlier write's stage, or for {@link SluiceStream#whenWritable()}, then
 * write again. The refused data was not sent (and, for a {@code ByteBuf}, was released).
 */
public final class WriteBoundExceededException extends IllegalStateException {
    private final int streamId;

    WriteBoundExceededException(int streamId, long unsent, long limit) {
        super("stream " + streamId + ": " + unsent + " written bytes are not sent yet, at or above the bound of "
                + limit + " (StreamConfig.maxUnsentWriteBytes); wait for an earlier write or whenWritable() before"
                + " writing more");
        this.streamId = streamId;
    }

    public int streamId() {
        return streamId;
    }
}
