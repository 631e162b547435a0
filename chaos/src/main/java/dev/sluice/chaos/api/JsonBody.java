package dev.sluice.chaos.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object from a request, read the way Toxiproxy's Go decoder reads it: keys match exactly
 * first, then case-insensitively; unknown keys are ignored; a value of the wrong type is a 400
 * {@code bad request body: ...}. A JSON null counts as absent.
 */
public final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    public static JsonNode parse(String text) throws ApiException {
        if (text.isBlank()) {
            throw ApiException.badBody("empty body");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badBody(e.getOriginalMessage());
        }
    }

    public static JsonBody object(JsonNode node, String what) throws ApiException {
        if (!node.isObject()) {
            throw ApiException.badBody(what + " must be a JSON object");
        }
        return new JsonBody(node);
    }

    public static List<JsonBody> array(JsonNode node, String what) throws ApiException {
        if (!node.isArray()) {
            throw ApiException.badBody(what + " must be a JSON array");
        }
        List<JsonBody> items = new ArrayList<>();
        for (JsonNode item : node) {
            items.add(object(item, "each element of " + what));
        }
        return items;
    }

    private Optional<JsonNode> field(String key) {
        JsonNode exact = node.get(key);
        if (exact == null) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equalsIgnoreCase(key)) {
                    exact = entry.getValue();
                    break;
                }
            }
        }
        return exact == null || exact.isNull() ? Optional.empty() : Optional.of(exact);
    }

    public Optional<String> string(String key) throws ApiException {
        Optional<JsonNode> value = field(key);
        if (value.isPresent() && !value.get().isTextual()) {
            throw ApiException.badBody(key + " must be a string");
        }
        return value.map(JsonNode::asText);
    }

    public Optional<Boolean> bool(String key) throws ApiException {
        Optional<JsonNode> value = field(key);
        if (value.isPresent() && !value.get().isBoolean()) {
            throw ApiException.badBody(key + " must be a boolean");
        }
        return value.map(JsonNode::asBoolean);
    }

    public Optional<Double> number(String key) throws ApiException {
        Optional<JsonNode> value = field(key);
        if (value.isPresent() && !value.get().isNumber()) {
            throw ApiException.badBody(key + " must be a number");
        }
        return value.map(JsonNode::asDouble);
    }

    public Optional<JsonNode> raw(String key) {
        return field(key);
    }

    /** An object of non-negative integer values, such as a toxic's attributes. */
    public Map<String, Long> integers(String key) throws ApiException {
        Map<String, Long> values = new LinkedHashMap<>();
        Optional<JsonNode> value = field(key);
        if (value.isEmpty()) {
            return values;
        }
        if (!value.get().isObject()) {
            throw ApiException.badBody(key + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> entry : value.get().properties()) {
            JsonNode number = entry.getValue();
            if (!number.isNumber() || number.asDouble() != Math.rint(number.asDouble()) || number.asDouble() < 0) {
                throw ApiException.badBody(key + "." + entry.getKey() + " must be a non-negative integer");
            }
            values.put(entry.getKey().toLowerCase(java.util.Locale.ROOT), number.asLong());
        }
        return values;
    }
}
