package dev.sluice.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.proc.ChildProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** A running echo server process and what it reported when ready. */
public record ServerChild(TargetKind kind, ChildProcess process, String url, long pid, JsonNode details)
        implements AutoCloseable {
    /** Generous: a JVM can take minutes to start on a shared 2-core machine at load 40. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration HEAP_TIMEOUT = Duration.ofSeconds(60);

    public static ServerChild awaitReady(TargetKind kind, ChildProcess process) throws IOException, InterruptedException,
            TimeoutException {
        try {
            JsonNode ready = process.awaitEvent("ready", READY_TIMEOUT);
            return new ServerChild(kind, process, ready.path("url").asText(), ready.path("pid").asLong(),
                    ready.path("details"));
        } catch (IOException | TimeoutException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The server's live heap after a full collection. */
    JsonNode heap() throws IOException, InterruptedException, TimeoutException {
        process.send("heap");
        return process.awaitEvent("heap", HEAP_TIMEOUT);
    }

    /** The server's CPU time, bytes allocated and bytes echoed so far. */
    JsonNode counters() throws IOException, InterruptedException, TimeoutException {
        process.send("counters");
        return process.awaitEvent("counters", HEAP_TIMEOUT);
    }

    /** Load generator arguments that point at this server. */
    public List<String> targetArguments() {
        List<String> args = new ArrayList<>(List.of("--kind", kind.id(), "--url", url, "--server-pid",
                String.valueOf(pid)));
        details.fields().forEachRemaining(e -> {
            args.add("--detail");
            args.add(e.getKey() + "=" + e.getValue().asText());
        });
        return args;
    }

    @Override
    public void close() {
        process.close();
    }
}
