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
 * from one process's counters over one interval (numerator and denominator alike), whatever the
 * few milliseconds between the client's window and the server's reading.
 */
public final class LoadRun {
    private LoadRun() {
    }

    /** Waits for {@code load}'s result; returns it with the server's per-message figures added. */
    public static ObjectNode await(ChildProcess load, ServerChild server, int messageBytes, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        load.awaitEvent("window-start", timeout);
        JsonNode before = server.counters();
        load.awaitEvent("window-end", timeout);
        JsonNode after = server.counters();
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
        return run;
    }
}
