package dev.sluice.stream;

/**
 * The sending direction of a stream, after RFC 9000 §3.1. Over one ordered, reliable WebSocket a
 * frame handed to the connection reaches the peer unless the whole connection fails (and then
 * every stream fails with it), so the "Recvd" states are entered when the FIN or RESET frame is
 * written to the channel. Terminal states absorb every further event.
 *
 * <pre>
 *   READY --write--> SEND --closeWrite--> DATA_SENT --FIN written--> DATA_RECVD
 *     |               |                     |
 *     +---------------+---abortWrite / STOP-+--> RESET_SENT --RESET written--> RESET_RECVD
 * </pre>
 */
enum SendState {
    /** Opened, nothing written yet. */
    READY,
    /** Writing data. */
    SEND,
    /** closeWrite called: FIN queued behind the data not yet sent. */
    DATA_SENT,
    /** FIN handed to the connection. Terminal. */
    DATA_RECVD,
    /** Aborted (locally, or because the peer sent STOP): RESET queued. */
    RESET_SENT,
    /** RESET handed to the connection. Terminal. */
    RESET_RECVD;

    public boolean isTerminal() {
        return this == DATA_RECVD || this == RESET_RECVD;
    }

    /** True while the application may still write data. */
    public boolean acceptsWrites() {
        return this == READY || this == SEND;
    }

    /** True once the direction is aborted, whether or not the RESET is on the wire yet. */
    public boolean isReset() {
        return this == RESET_SENT || this == RESET_RECVD;
    }

    public SendState onWrite() {
        return acceptsWrites() ? SEND : this;
    }

    public SendState onCloseWrite() {
        return acceptsWrites() ? DATA_SENT : this;
    }

    public SendState onFinWritten() {
        return this == DATA_SENT ? DATA_RECVD : this;
    }

    /** An abort is possible until the FIN or a RESET is already on its way. */
    public SendState onAbort() {
        return this == READY || this == SEND || this == DATA_SENT ? RESET_SENT : this;
    }

    public SendState onResetWritten() {
        return this == RESET_SENT ? RESET_RECVD : this;
    }
}
