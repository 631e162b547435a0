package dev.sluice.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.stream.StreamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into JSON-RPC errors. */
final class Errors {
    private Errors() {
    }

    /** The error a handler's exception answers with. */
    static RpcException fromHandler(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        if (cause instanceof CancellationException) {
            return new RpcException(RpcCodes.CANCELLED, "the handler cancelled the call");
        }
        ObjectNode data = Json.NODES.objectNode();
        data.put("exception", cause.getClass().getName());
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new RpcException(RpcCodes.HANDLER_FAILED, "handler failed: " + message, data, cause);
    }

    /** The error a caller sees when the stream or the connection failed under its call. */
    static RpcException fromTransport(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        String code = cause instanceof StreamException se ? " (stream abort code 0x" + Integer.toHexString(se.code()) + ")" : "";
        return new RpcException(RpcCodes.TRANSPORT_FAILED, "the call's stream failed: " + cause + code, null, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
