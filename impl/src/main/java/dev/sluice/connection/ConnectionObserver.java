package dev.sluice.connection;

/**
 * Hears, on the connection's event loop, that a connection ended. One observer serves every
 * connection of a server (it is handed to each connection when it is created), so a connection
 * costs no listener object of its own; {@link SluiceConnection#terminated()} is for everyone else.
 */
@FunctionalInterface
public interface ConnectionObserver {
    /** Observes nothing. */
    ConnectionObserver NONE = (connection, cause) -> { };

    /** {@code connection} ended because of {@code cause}; called once, after its terminated future completed. */
    void terminated(SluiceConnection connection, ConnectionException cause);
}
