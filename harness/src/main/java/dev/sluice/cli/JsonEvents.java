package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/** One JSON object per line on a stream, written whole even when events come from several threads. */
final class JsonEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;

    JsonEvents(PrintStream out) {
        this.out = out;
    }

    /** A new event object whose first field is {@code "event": name}. */
    static ObjectNode event(String name) {
        return MAPPER.createObjectNode().put("event", name);
    }

    void emit(ObjectNode event) {
        String line;
        try {
            line = MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event, e);
        }
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }
}
