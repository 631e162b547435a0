package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC error: what a call fails with on the caller's side, and what a handler throws to send a
 * specific error object ({@code code}, {@code message}, optional {@code data}).
 */
public class RpcException extends Exception {
    private final int code;
    private final transient JsonNode data;

    public RpcException(int code, String message) {
        this(code, message, null, null);
    }

    public RpcException(int code, String message, JsonNode data) {
        this(code, message, data, null);
    }

    public RpcException(int code, String message, JsonNode data, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.data = data;
    }

    /** A -32602 error: what a handler throws when its params are not what it takes. */
    public static RpcException invalidParams(String message) {
        return new RpcException(RpcCodes.INVALID_PARAMS, message);
    }

    public int code() {
        return code;
    }

    /** The error's {@code data}, or null when it has none. */
    public JsonNode data() {
        return data;
    }

    /** The JSON-RPC error object: {@code {"code":..,"message":..,"data":..}}. */
    public ObjectNode toErrorObject() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", getMessage() == null ? "" : getMessage());
        if (data != null) {
            error.set("data", data);
        }
        return error;
    }

    /** The error an error object received from the peer describes. */
    static RpcException fromErrorObject(JsonNode error) {
        if (error == null || !error.isObject() || !error.path("code").isIntegralNumber()) {
            return new RpcException(RpcCodes.PROTOCOL_ERROR, "malformed error object: " + error);
        }
        JsonNode data = error.get("data");
        return new RpcException(error.get("code").intValue(), error.path("message").asText(""), data);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + code + "): " + getMessage();
    }
}
