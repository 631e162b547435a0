package dev.sluice.bench.proc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;

/** The one JSON mapper of the bench module, and a child's event channel: one JSON object per stdout line. */
public final class JsonLines {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final PrintStream OUT = System.out;

    private JsonLines() {
    }

    /** Writes one event line to stdout and flushes it; safe from any thread. */
    public static void emit(Object event) {
        String line;
        try {
            line = MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event + ": " + e.getMessage(), e);
        }
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
