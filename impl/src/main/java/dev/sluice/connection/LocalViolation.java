package dev.sluice.connection;

import java.util.Objects;

/**
 * A protocol violation that a stage above the connection owner found (the stream layer: a peer
 * broke flow control or the stream state machine). Written down the pipeline like a frame; the
 * connection owner turns it into its one violation path: one log line, one close frame with
 * {@code code} and {@code reason} (cut to fit), and termination with a
 * {@link ProtocolViolationException}, exactly as for a violation its own decoder found.
 *
 * @param code   the WebSocket close code (1002, 1009, 4000-4999, ...)
 * @param reason what was wrong, exactly; cut to 123 bytes of UTF-8 on the wire
 */
public record LocalViolation(int code, String reason) {
    public LocalViolation {
        Objects.requireNonNull(reason, "reason");
    }
}
