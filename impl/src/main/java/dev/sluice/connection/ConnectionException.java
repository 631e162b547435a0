package dev.sluice.connection;

import java.io.IOException;

/**
 * Why a connection ended, as seen by every stream reader and writer on it. Subclasses say how:
 * {@link ConnectionLostException} (no close handshake), {@link ConnectionClosedException} (a close
 * frame, either side) and {@link ProtocolViolationException} (a peer broke the protocol).
 */
public abstract class ConnectionException extends IOException {
    protected ConnectionException(String message) {
        super(message);
    }

    protected ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
