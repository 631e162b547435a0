package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shapes of the messages on an RPC stream (see {@code impl/RPC.md}). */
final class Messages {
    private Messages() {
    }

    /** The first message of a call, from the caller. */
    static ObjectNode request(long id, String method, JsonNode params) {
        ObjectNode message = Json.envelope(Json.NODES.numberNode(id));
        message.put("method", method);
        if (params != null && !params.isMissingNode()) {
            message.set("params", params);
        }
        return message;
    }

    /** A value the caller streams after its request (client-streaming and duplex calls). */
    static ObjectNode input(JsonNode id, JsonNode value) {
        ObjectNode message = Json.envelope(id);
        message.set("params", value == null ? NullNode.getInstance() : value);
        return message;
    }

    /** A result: the one of a unary call, or one value of a streaming response. */
    static ObjectNode result(JsonNode id, JsonNode value) {
        ObjectNode message = Json.envelope(id);
        message.set("result", value == null ? NullNode.getInstance() : value);
        return message;
    }

    static ObjectNode error(JsonNode id, RpcException error) {
        ObjectNode message = Json.envelope(id == null ? NullNode.getInstance() : id);
        message.set("error", error.toErrorObject());
        return message;
    }

    /** The value a caller's streamed input message carries, or an error when it is not one. */
    static JsonNode inputValue(JsonNode message) throws RpcException {
        if (!message.isObject() || !message.has("params") || message.has("method")) {
            throw new RpcException(RpcCodes.INVALID_REQUEST, "expected a streamed input {\"jsonrpc\":\"2.0\",\"id\":..,"
                    + "\"params\":..}, got " + abbreviate(message));
        }
        return message.get("params");
    }

    static String abbreviate(JsonNode message) {
        String text = message.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
