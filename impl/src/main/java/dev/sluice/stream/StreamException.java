package dev.sluice.stream;

import java.io.IOException;

/** One stream failed while its connection lives on; {@link #streamId()} says which. */
public abstract class StreamException extends IOException {
    private final int streamId;
    private final int code;

    protected StreamException(int streamId, int code, String message) {
        super(message);
        this.streamId = streamId;
        this.code = code;
    }

    public int streamId() {
        return streamId;
    }

    /** The application error code (unsigned 32-bit), or a reserved code of {@code StreamProtocol}. */
    public int code() {
        return code;
    }

    /** True when the code says the receiving side refused the stream (limit reached or stopping). */
    public boolean refused() {
        return code == dev.sluice.protocol.StreamProtocol.REFUSED;
    }

    static String describe(int code) {
        if (code == dev.sluice.protocol.StreamProtocol.REFUSED) {
            return "REFUSED (stream limit reached or the session is stopping)";
        }
        if (code == dev.sluice.protocol.StreamProtocol.HANDLER_FAILED) {
            return "HANDLER_FAILED (the stream handler threw)";
        }
        return Integer.toUnsignedString(code);
    }
}
