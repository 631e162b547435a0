package dev.sluice.chaos.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful API answer: a status and a JSON body, or no body when {@code body} is null. */
public record ApiResponse(int status, JsonNode body) {

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
