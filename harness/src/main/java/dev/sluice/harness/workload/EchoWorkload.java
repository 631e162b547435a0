package dev.sluice.harness.workload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reference workload: N streams spread over C connections, each sending seeded chunks and
 * verifying their echo. Emits a {@code connection} event per connection, {@code progress} samples
 * (bytes per stream over time, for timelines), a {@code stream} event per stream as it ends, a
 * {@code summary} and finally the {@code result} line.
 */
public final class EchoWorkload {
    private final WorkloadConfig config;
    private final EventSink sink;

    public EchoWorkload(WorkloadConfig config, EventSink sink) {
        this.config = config;
        this.sink = sink;
    }

    public WorkloadResult run(EchoTransport transport) throws InterruptedException {
        long start = System.nanoTime();
        StreamResult[] results = new StreamResult[config.streams()];
        CountDownLatch done = new CountDownLatch(config.streams());
        List<StreamRun> runs = new ArrayList<>();
        ChunkRoundTrips roundTrips = new ChunkRoundTrips();
        for (int i = 0; i < config.streams(); i++) {
            runs.add(new StreamRun(i, config, start, roundTrips, result -> {
                results[result.id()] = result;
                emitStream(result);
                done.countDown();
            }));
        }
        List<String> connectionErrors = new ArrayList<>();
        EchoTransport.Connection[] connections = connectAll(transport, start, connectionErrors);
        ScheduledExecutorService sampler = startSampler(runs, start);
        try {
            for (StreamRun run : runs) {
                openAndStart(run, connections[run.id() % connections.length], run.id() % connections.length);
            }
            if (!done.await(config.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
                String why = "neither finished nor failed within the run deadline of " + config.deadline().toMillis() + " ms";
                runs.forEach(run -> run.giveUp(why));
            }
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(1, TimeUnit.SECONDS);
            emitProgress(runs, start);
            for (EchoTransport.Connection connection : connections) {
                if (connection != null) {
                    connection.close();
                }
            }
        }
        boolean digestsMatch = Arrays.stream(results).allMatch(r -> r != null && (r.status() == StreamStatus.OK
                && r.bytesReceived() == config.bytesPerStream() || r.status() == StreamStatus.ABORTED));
        WorkloadResult result = new WorkloadResult(List.of(results), List.copyOf(connectionErrors), digestsMatch,
                (System.nanoTime() - start) / 1e9);
        emitSummary(result, roundTrips);
        return result;
    }

    private EchoTransport.Connection[] connectAll(EchoTransport transport, long start, List<String> errors) {
        EchoTransport.Connection[] connections = new EchoTransport.Connection[config.connections()];
        for (int k = 0; k < connections.length; k++) {
            Map<String, Object> event = EventSink.event("connection");
            event.put("id", k);
            try {
                connections[k] = transport.connect();
                event.put("status", "open");
            } catch (IOException | RuntimeException e) {
                String error = "connection " + k + " failed: " + e.getMessage();
                errors.add(error);
                event.put("status", "failed");
                event.put("error", error);
            }
            event.put("ms", (System.nanoTime() - start) / 1_000_000);
            sink.emit(event);
        }
        return connections;
    }

    private void openAndStart(StreamRun run, EchoTransport.Connection connection, int connectionId) {
        if (connection == null) {
            run.failBeforeStart("connection " + connectionId + " could not be opened");
            return;
        }
        try {
            run.start(connection.openStream());
        } catch (IOException | RuntimeException e) {
            run.failBeforeStart("opening the stream failed: " + e.getMessage());
        }
    }

    private ScheduledExecutorService startSampler(List<StreamRun> runs, long start) {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "workload-progress");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.progressInterval().toMillis();
        sampler.scheduleAtFixedRate(() -> emitProgress(runs, start), every, every, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void emitProgress(List<StreamRun> runs, long start) {
        Map<String, Object> event = EventSink.event("progress");
        event.put("ms", (System.nanoTime() - start) / 1_000_000);
        event.put("sent", runs.stream().mapToLong(StreamRun::sent).toArray());
        event.put("received", runs.stream().mapToLong(StreamRun::received).toArray());
        sink.emit(event);
    }

    private void emitStream(StreamResult result) {
        Map<String, Object> event = EventSink.event("stream");
        event.put("id", result.id());
        event.put("status", result.status().label());
        event.put("bytesSent", result.bytesSent());
        event.put("bytesReceived", result.bytesReceived());
        event.put("error", result.error());
        event.put("violation", result.violation() == null ? null : result.violation().kind().name());
        event.put("ms", result.millis());
        sink.emit(event);
    }

    private void emitSummary(WorkloadResult result, ChunkRoundTrips roundTrips) {
        Map<String, Object> summary = EventSink.event("summary");
        for (StreamStatus status : StreamStatus.values()) {
            summary.put(status.label(), result.count(status));
        }
        summary.put("connectionErrors", result.connectionErrors());
        summary.put("chunkRoundTripMicros", roundTrips.summary());
        sink.emit(summary);
        Map<String, Object> line = EventSink.event("result");
        line.put("streams", result.streams().size());
        line.put("bytesSent", result.bytesSent());
        line.put("bytesReceived", result.bytesReceived());
        line.put("digestsMatch", result.digestsMatch());
        line.put("errors", result.errors());
        line.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        sink.emit(line);
    }
}
