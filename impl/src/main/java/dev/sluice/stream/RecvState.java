package dev.sluice.stream;

/**
 * The receiving direction of a stream, after RFC 9000 §3.2. The transport below is ordered, so a
 * FIN arrives after every byte it ends: QUIC's "Size Known" and "Data Recvd" coincide and are one
 * state here. Terminal states absorb every further event.
 *
 * <pre>
 *   RECV --FIN--> DATA_RECVD --application read everything--> DATA_READ
 *     |
 *     +--RESET--> RESET_RECVD --application saw the error--> RESET_READ
 * </pre>
 */
enum RecvState {
    /** Receiving data. */
    RECV,
    /** FIN received; buffered data may remain for the application. */
    DATA_RECVD,
    /** The application read everything, end included (or gave up reading). Terminal. */
    DATA_READ,
    /** The peer aborted its direction; buffered data was discarded. */
    RESET_RECVD,
    /** The application was told of the reset (or gave up reading). Terminal. */
    RESET_READ;

    public boolean isTerminal() {
        return this == DATA_READ || this == RESET_READ;
    }

    /** True once the peer ended its direction (FIN or RESET): no DATA, FIN or RESET may follow. */
    public boolean peerEnded() {
        return this != RECV;
    }

    /** The state after a FIN, or null when a FIN is not allowed here (a protocol violation). */
    public RecvState onFin() {
        return this == RECV ? DATA_RECVD : null;
    }

    /** The state after a RESET, or null when a RESET is not allowed here (a protocol violation). */
    public RecvState onReset() {
        return this == RECV ? RESET_RECVD : null;
    }

    /** The application consumed the end of the stream (or the error). */
    public RecvState onEndRead() {
        return switch (this) {
            case DATA_RECVD -> DATA_READ;
            case RESET_RECVD -> RESET_READ;
            default -> this;
        };
    }
}
