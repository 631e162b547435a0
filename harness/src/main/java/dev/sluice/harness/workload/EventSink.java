package dev.sluice.harness.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a node's events go: one JSON object per line. Thread-safe. */
@FunctionalInterface
public interface EventSink {
    void emit(Map<String, Object> event);

    /** Starts an event with its {@code "event"} field first; add fields in the order they should print. */
    static Map<String, Object> event(String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        return event;
    }

    /** Prints each event as one line and flushes, so a reading harness sees it at once. */
    static EventSink jsonLines(PrintStream out) {
        ObjectMapper json = new ObjectMapper();
        return event -> {
            String line;
            try {
                line = json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event is not serialisable: " + event, e);
            }
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
    }
}
