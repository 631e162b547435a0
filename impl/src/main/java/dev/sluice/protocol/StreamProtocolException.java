package dev.sluice.protocol;

/**
 * The peer broke the stream protocol: the connection must be closed with {@link #closeCode()} and
 * {@link #getMessage()} as the close reason. The only exception the decoder throws.
 */
public final class StreamProtocolException extends Exception {
    private final StreamCloseCode closeCode;

    public StreamProtocolException(StreamCloseCode closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    public StreamCloseCode closeCode() {
        return closeCode;
    }
}
