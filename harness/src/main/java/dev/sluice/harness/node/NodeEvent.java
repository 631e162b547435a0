package dev.sluice.harness.node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON line a node printed, stamped when the harness read it.
 *
 * @param node the name of the node that printed it
 * @param nanos {@link System#nanoTime()} at reading: one clock for every node of a run
 * @param json the parsed line
 */
public record NodeEvent(String node, long nanos, JsonNode json) {
    /** The {@code "event"} field, or the empty string when the line has none. */
    public String type() {
        JsonNode event = json.get("event");
        return event == null ? "" : event.asText();
    }

    public boolean is(String type) {
        return type().equals(type);
    }

    public String text(String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public long number(String field) {
        JsonNode value = json.get(field);
        return value == null ? 0 : value.asLong();
    }
}
