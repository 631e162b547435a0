package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** What makes a first message a JSON-RPC 2.0 request. */
final class RequestShape {
    private RequestShape() {
    }

    /** Why {@code request} is not a request, or null when it is one. */
    static String problem(JsonNode request) {
        if (!request.isObject()) {
            return "expected an object, got " + request.getNodeType();
        }
        if (!"2.0".equals(request.path("jsonrpc").textValue())) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        if (!request.path("method").isTextual()) {
            return "\"method\" must be a string";
        }
        JsonNode id = request.get("id");
        if (id != null && !(id.isNumber() || id.isTextual() || id.isNull())) {
            return "\"id\" must be a number, a string or null";
        }
        JsonNode params = request.get("params");
        if (params != null && !(params.isObject() || params.isArray() || params.isValueNode())) {
            return "\"params\" must be a JSON value";
        }
        return null;
    }
}
