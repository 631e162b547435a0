package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.KeepAliveTimeoutException;
import dev.sluice.connection.ProtocolViolationException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.server.ServerListener;
import java.net.InetSocketAddress;
import java.time.Instant;

/** Connection events of the reference server as JSON lines: {@code opened} and {@code closed} with the cause. */
final class ServerEvents implements ServerListener {
    private final JsonEvents events;

    ServerEvents(JsonEvents events) {
        this.events = events;
    }

    @Override
    public void opened(SluiceConnection connection) {
        ObjectNode event = base("opened", connection);
        event.put("tlsProtocol", connection.info().tlsProtocol());
        events.emit(event);
    }

    @Override
    public void closed(SluiceConnection connection, ConnectionException cause) {
        ObjectNode event = base("closed", connection);
        event.put("cause", kind(cause));
        if (cause instanceof ConnectionClosedException closed) {
            event.put("code", closed.code()).put("reason", closed.reason()).put("byPeer", closed.byPeer());
        } else if (cause instanceof ProtocolViolationException violation) {
            event.put("code", violation.closeCode()).put("byPeer", violation.byPeer());
        }
        event.put("message", cause.getMessage());
        events.emit(event);
    }

    private static String kind(ConnectionException cause) {
        if (cause instanceof ConnectionClosedException) {
            return "closed";
        }
        if (cause instanceof KeepAliveTimeoutException) {
            return "keepalive-timeout";
        }
        if (cause instanceof ProtocolViolationException) {
            return "protocol-violation";
        }
        return "lost";
    }

    private static ObjectNode base(String name, SluiceConnection connection) {
        InetSocketAddress remote = connection.info().remoteAddress();
        ObjectNode event = JsonEvents.event(name)
                .put("time", Instant.now().toString())
                .put("remoteHost", remote.getAddress().getHostAddress())
                .put("remotePort", remote.getPort());
        connection.info().peerNodeId().ifPresent(id -> event.put("peerNodeId", id.toString()));
        return event;
    }
}
