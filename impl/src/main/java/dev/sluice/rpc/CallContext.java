package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What a handler knows about its call: the method, the caller's connection, and whether it was cancelled. */
public final class CallContext {
    private final String method;
    private final JsonNode id;
    private final ConnectionInfo connection;
    private final CompletableFuture<RpcException> cancelled = new CompletableFuture<>();

    CallContext(String method, JsonNode id, ConnectionInfo connection) {
        this.method = method;
        this.id = id;
        this.connection = connection;
    }

    public String method() {
        return method;
    }

    /** The request's id as the caller sent it. */
    public JsonNode id() {
        return id;
    }

    /** The caller's NodeId, when its TLS chain proved one (mutual TLS). */
    public Optional<NodeId> remoteNodeId() {
        return connection.peerNodeId();
    }

    /** The caller's address and port. */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** This server's address and port for the connection. */
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    public String localHost() {
        return connection.localAddress().getHostString();
    }

    public int localPort() {
        return connection.localAddress().getPort();
    }

    public ConnectionInfo connection() {
        return connection;
    }

    /**
     * Completes when the call is cancelled before the handler answered: the caller cancelled or timed
     * out (the stream's abort code is in the message), the stream failed or the connection ended.
     * Its value has code {@link RpcCodes#CANCELLED} or {@link RpcCodes#TRANSPORT_FAILED}.
     */
    public CompletionStage<RpcException> cancelled() {
        return cancelled;
    }

    public boolean isCancelled() {
        return cancelled.isDone();
    }

    void cancel(RpcException reason) {
        cancelled.complete(reason);
    }
}
