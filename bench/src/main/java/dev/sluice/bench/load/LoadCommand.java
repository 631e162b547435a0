package dev.sluice.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.bench.control.JitClock;
import dev.sluice.bench.proc.JsonLines;
import dev.sluice.bench.proc.StdinControl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Child process: the load generator. Closed or open loop prints {"event":"result",...} and exits;
 * idle prints {"event":"idle-open",...} and holds the connections until stdin ends. With
 * {@code --serve} it stays up (warm) and runs the same load once per {@code run} line on stdin,
 * on fresh connections each time, until stdin ends.
 */
@Command(name = "load", description = "Drive one echo target (spawned by 'run', or by hand).")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--kind", required = true, description = "sluice, wss, ws or node")
    String kind;

    @Option(names = "--url", required = true, description = "the echo server's URL")
    URI url;

    @Option(names = "--detail", description = "key=value the server reported when ready (e.g. nodeId)")
    Map<String, String> details = new LinkedHashMap<>();

    @Option(names = "--mode", defaultValue = "closed", description = "closed, open or idle")
    String mode;

    @Option(names = "--connections", defaultValue = "" + LoadSpec.DEFAULT_CONNECTIONS)
    int connections;

    @Option(names = "--inflight", defaultValue = "" + LoadSpec.DEFAULT_INFLIGHT,
            description = "closed loop: messages outstanding per connection")
    int inflight;

    @Option(names = "--rate", defaultValue = "0", description = "open loop: messages per second in total")
    double rate;

    @Option(names = "--size", defaultValue = "" + LoadSpec.DEFAULT_MESSAGE_BYTES, description = "message bytes")
    int size;

    @Option(names = "--warmup-ms", defaultValue = "3000")
    long warmupMillis;

    @Option(names = "--measure-ms", defaultValue = "5000")
    long measureMillis;

    @Option(names = "--server-pid", defaultValue = "0", description = "pid whose CPU time is charged to the target")
    long serverPid;

    @Option(names = "--threads", defaultValue = "2", description = "client event loop threads")
    int threads;

    /** How long a window edge waits for the parent's "ack" before going on without it. */
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final String END_OF_INPUT = "\u0000eof";

    /** Lines from stdin (the parent's commands and acks), END_OF_INPUT when it ends. */
    private final BlockingQueue<String> input = new LinkedBlockingQueue<>();

    @Option(names = "--serve", description = "stay up; run the load once per 'run' line on stdin")
    boolean serve;

    @Option(names = "--window-acks", description = "at each window edge, wait for an 'ack' line on stdin "
            + "(the parent reads the server's counters meanwhile, while the traffic still flows)")
    boolean windowAcks;

    @Override
    public Integer call() throws Exception {
        TargetKind target = TargetKind.parse(kind);
        LoadSpec spec = new LoadSpec(LoadSpec.Mode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT)),
                connections, inflight, rate, size, Duration.ofMillis(warmupMillis), Duration.ofMillis(measureMillis),
                serverPid);
        try (EchoConnector connector = Targets.connector(target, url, details, threads)) {
            if (spec.mode() == LoadSpec.Mode.IDLE) {
                FileDescriptors.requireRoomFor(spec.connections());
                holdIdle(connector, spec.connections());
            } else {
                if (serve || windowAcks) {
                    readStdin();
                }
                LoadGenerator.WindowListener window = windowEvents();
                if (serve) {
                    JsonLines.emit(Map.of("event", "driver-ready"));
                    serveRuns(spec, connector, window);
                } else {
                    emitResult(new LoadGenerator(spec, window).run(connector));
                }
            }
        }
        return 0;
    }

    /** Runs the load once per "run" line until stdin ends. */
    private void serveRuns(LoadSpec spec, EchoConnector connector, LoadGenerator.WindowListener window)
            throws InterruptedException {
        for (String line = input.take(); !line.equals(END_OF_INPUT); line = input.take()) {
            if (!line.equals("run")) {
                JsonLines.emit(Map.of("event", "error", "message", "unknown command '" + line + "'; expected run"));
                continue;
            }
            try {
                emitResult(new LoadGenerator(spec, window).run(connector));
            } catch (Exception e) {
                JsonLines.emit(Map.of("event", "error", "message", String.valueOf(e.getMessage())));
            }
        }
    }

    /** Tells the parent when the window opens and closes; with --window-acks waits for its "ack". */
    private LoadGenerator.WindowListener windowEvents() {
        return new LoadGenerator.WindowListener() {
            @Override
            public void opened() {
                edge("window-start");
            }

            @Override
            public void closed() {
                edge("window-end");
            }
        };
    }

    private void edge(String event) {
        JsonLines.emit(Map.of("event", event, "awaitsAck", windowAcks));
        if (!windowAcks) {
            return;
        }
        try {
            String line = input.poll(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line != null && !line.equals("ack")) {
                input.add(line); // end of input (or a stray command): leave it for the run loop
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdin() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        input.add(line.trim());
                    }
                }
            } catch (IOException e) {
                // the parent went away: treated as the end of input
            } finally {
                input.add(END_OF_INPUT);
            }
        }, "stdin-commands");
        reader.setDaemon(true);
        reader.start();
    }

    private static void emitResult(LoadResult result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = JsonLines.MAPPER.convertValue(result, LinkedHashMap.class);
        event.put("event", "result");
        // the generator's own JIT work so far: a comparison warms up until it stops growing
        event.put("clientJitMillis", JitClock.compileMillis());
        JsonLines.emit(event);
    }

    private static void holdIdle(EchoConnector connector, int count) throws Exception {
        HeapProbe before = HeapProbe.afterGc();
        try (IdleHold hold = IdleHold.open(connector, count)) {
            HeapProbe after = HeapProbe.afterGc();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "idle-open");
            event.put("connections", hold.size());
            event.put("heapUsedBefore", before.heapUsedBytes());
            event.put("heapUsedAfter", after.heapUsedBytes());
            event.put("directUsedBefore", before.directUsedBytes());
            event.put("directUsedAfter", after.directUsedBytes());
            JsonLines.emit(event);
            StdinControl.start(command -> { }).awaitEnd();
        }
    }

    /** Reads a result event back (used by the suite runner). */
    public static LoadResult parseResult(JsonNode event) {
        return JsonLines.MAPPER.convertValue(((com.fasterxml.jackson.databind.node.ObjectNode) event.deepCopy())
                .without("event"), LoadResult.class);
    }
}
