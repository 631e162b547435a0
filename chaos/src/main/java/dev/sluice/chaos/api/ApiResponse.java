package dev.sluice.chaos.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful API answer: a status and a JSON body (none when {@code body} is null), or, for
 * {@code /metrics}, bytes of another content type in {@code text}.
 */
public record ApiResponse(int status, JsonNode body, String contentType, byte[] text) {

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body, null, null);
    }

    static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, body, null, null);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null);
    }

    public static ApiResponse text(int status, String contentType, byte[] text) {
        return new ApiResponse(status, null, contentType, text);
    }
}
