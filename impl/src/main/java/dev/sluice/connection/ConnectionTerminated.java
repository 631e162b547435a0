package dev.sluice.connection;

import java.util.Objects;

/**
 * A user event fired exactly once through the pipeline to the application handler when the
 * connection ends, however it ends, before the channel becomes inactive or right after. The
 * application handler (the stream multiplexer) fails every open stream with {@link #cause()}.
 *
 * @param cause why: a {@link ConnectionClosedException} for a close handshake (graceful or not),
 *              a {@link ConnectionLostException} for EOF, reset or keep-alive timeout, a
 *              {@link ProtocolViolationException} for a broken protocol
 */
public record ConnectionTerminated(ConnectionException cause) {
    public ConnectionTerminated {
        Objects.requireNonNull(cause, "cause");
    }
}
