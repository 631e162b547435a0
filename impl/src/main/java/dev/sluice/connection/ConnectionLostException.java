package dev.sluice.connection;

/**
 * The connection ended without a close handshake: EOF or reset from the peer, a socket error, or
 * a keep-alive timeout ({@link KeepAliveTimeoutException}). Messages start with
 * {@code "connection lost: "} and then say what happened.
 */
public class ConnectionLostException extends ConnectionException {
    public ConnectionLostException(String detail) {
        super("connection lost: " + detail);
    }

    public ConnectionLostException(String detail, Throwable cause) {
        super("connection lost: " + detail, cause);
    }
}
