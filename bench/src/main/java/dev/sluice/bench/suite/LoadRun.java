package dev.sluice.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.bench.proc.ChildProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One measured load run against one server: follows the load generator's window events and reads
 * the server's own counters at both edges, so that bytes allocated per message on the server come
 * from one process's counters over one interval (numerator and denominator alike). A generator
 * started with {@code --window-acks} waits at each edge until the counters are read, with its
 * traffic still flowing, so a slow reading on a loaded machine cannot miss the traffic.
 */
public final class LoadRun {
    private LoadRun() {
    }

    /** The load generator arguments that make it wait for {@link #await}'s readings. */
    public static final String WINDOW_ACKS = "--window-acks";

    private static void acknowledge(ChildProcess load, JsonNode edge) throws IOException {
        if (edge.path("awaitsAck").asBoolean()) {
            load.send("ack");
        }
    }

    /** Waits for {@code load}'s result; returns it with the server's per-message figures added. */
    public static ObjectNode await(ChildProcess load, ServerChild server, int messageBytes, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        JsonNode opened = load.awaitEvent("window-start", timeout);
        JsonNode before = server.counters();
        acknowledge(load, opened);
        JsonNode closed = load.awaitEvent("window-end", timeout);
        JsonNode after = server.counters();
        acknowledge(load, closed);
        JsonNode result = load.awaitEvent("result", timeout);
        ObjectNode run = ((ObjectNode) result.deepCopy()).without("event");
        double messages = (after.path("bytesEchoed").asDouble() - before.path("bytesEchoed").asDouble())
                / messageBytes;
        run.put("serverEchoedMessages", messages);
        long allocatedBefore = before.path("allocatedBytes").asLong(-1);
        long allocatedAfter = after.path("allocatedBytes").asLong(-1);
        if (allocatedBefore >= 0 && allocatedAfter >= allocatedBefore && messages >= 1) {
            run.put("serverAllocatedBytesPerMessage", (allocatedAfter - allocatedBefore) / messages);
        }
        long jit = after.path("jitMillis").asLong(-1);
        if (jit >= 0) {
            run.put("serverJitMillis", jit); // cumulative, read at the window's end
        }
        return run;
    }
}
