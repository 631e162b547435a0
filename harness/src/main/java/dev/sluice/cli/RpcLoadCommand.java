package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.identity.NodeId;
import dev.sluice.rpc.IteratorPublisher;
import dev.sluice.rpc.Json;
import dev.sluice.rpc.RpcClient;
import dev.sluice.rpc.RpcException;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamSession;
import dev.sluice.stream.Streams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sluice rpc-load}: the RPC workload of the gate. Keeps calls of every kind in flight over
 * one connection for a while and proves that each ended, with a result or an error, within its
 * timeout. Last line: {@code {"event":"rpc","calls":..,"ok":..,"failed":..,"hung":..,"late":..,...}}.
 */
@Command(name = "rpc-load", mixinStandardHelpOptions = true,
        description = {"Makes echo, count, sum and echoStream calls, CONCURRENCY at a time, for DURATION, each with",
            "a timeout; stops starting calls once the connection is gone. Exits 0 only when no call hung or",
            "ended later than its timeout."})
public final class RpcLoadCommand implements Callable<Integer> {
    /** How much later than its timeout a call may end (the timer's and the scheduler's slack on a busy machine). */
    static final Duration LATE_SLACK = Duration.ofMillis(1000);

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, description = "Server port.")
    int port;

    @Option(names = "--node-id", required = true, description = "The NodeId the server must prove.")
    String nodeId;

    @Option(names = "--concurrency", defaultValue = "8", description = "Calls in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--duration-ms", defaultValue = "4000", description = "How long to start calls (default: ${DEFAULT-VALUE}).")
    long durationMillis;

    @Option(names = "--timeout-ms", defaultValue = "3000", description = "Each call's timeout (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--keepalive-interval", paramLabel = "MS", description = "Ping interval in ms.")
    Long keepAliveIntervalMillis;

    @Option(names = "--keepalive-timeout", paramLabel = "MS", description = "ms without any frame before the connection fails.")
    Long keepAliveTimeoutMillis;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong hung = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    private final Map<Integer, AtomicLong> errors = new ConcurrentSkipListMap<>();

    @Override
    public Integer call() throws Exception {
        JsonEvents events = new JsonEvents(System.out);
        ConnectionConfig.Builder connection = ConnectionConfig.builder();
        if (keepAliveIntervalMillis != null) {
            connection.keepAliveInterval(Duration.ofMillis(keepAliveIntervalMillis));
        }
        if (keepAliveTimeoutMillis != null) {
            connection.keepAliveTimeout(Duration.ofMillis(keepAliveTimeoutMillis));
        }
        ClientConfig config = ClientConfig.builder().connection(connection.build())
                .applicationHandler(Streams.client(StreamConfig.defaults())).build();
        Duration timeout = Duration.ofMillis(timeoutMillis);
        try (SluiceClient client = SluiceClient.create(config)) {
            StreamSession session = Streams.session(client.connect(host, port, NodeId.parse(nodeId)).get(20, TimeUnit.SECONDS));
            events.emit(JsonEvents.event("connection").put("status", "open"));
            try (RpcClient rpc = RpcClient.builder(session).defaultTimeout(timeout).build()) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis);
                Thread[] workers = new Thread[concurrency];
                for (int w = 0; w < concurrency; w++) {
                    int worker = w;
                    workers[w] = new Thread(() -> work(rpc, session, worker, end, timeout), "rpc-load-" + w);
                    workers[w].start();
                }
                for (Thread worker : workers) {
                    while (worker.isAlive()) {
                        worker.join(250);
                        events.emit(progress());
                    }
                }
            }
            session.stopNow();
        }
        ObjectNode result = progress().put("event", "rpc").put("hung", hung.get()).put("late", late.get())
                .put("maxMillis", TimeUnit.NANOSECONDS.toMillis(maxNanos.get()))
                .put("timeoutMillis", timeoutMillis);
        ObjectNode byCode = result.putObject("errors");
        errors.forEach((code, n) -> byCode.put(Integer.toString(code), n.get()));
        events.emit(result);
        return hung.get() == 0 && late.get() == 0 ? 0 : 1;
    }

    private ObjectNode progress() {
        return JsonEvents.event("calls").put("calls", calls.get()).put("ok", ok.get()).put("failed", failed.get());
    }

    private void work(RpcClient rpc, StreamSession session, int worker, long end, Duration timeout) {
        for (long i = worker; System.nanoTime() < end && !session.terminationFuture().toCompletableFuture().isDone();
                i += concurrency) {
            calls.incrementAndGet();
            long start = System.nanoTime();
            CompletableFuture<?> call = start(rpc, i);
            try {
                call.get(timeout.plus(LATE_SLACK).plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
                ok.incrementAndGet();
            } catch (ExecutionException e) {
                failed.incrementAndGet();
                int code = e.getCause() instanceof RpcException rpcError ? rpcError.code() : 0;
                errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            } catch (TimeoutException e) {
                hung.incrementAndGet();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long took = System.nanoTime() - start;
            maxNanos.accumulateAndGet(took, Math::max);
            if (took > timeout.plus(LATE_SLACK).toNanos()) {
                late.incrementAndGet();
            }
        }
    }

    /** Call {@code i}: the four reference methods in turn, with 64-byte params for echo. */
    private static CompletableFuture<?> start(RpcClient rpc, long i) {
        try {
            return switch ((int) (i % 4)) {
                case 0 -> rpc.call("echo", Json.parse("{\"payload\":\"" + "x".repeat(50) + "\"}"));
                case 1 -> all(rpc.serverStream("count", Json.parse("{\"n\":4}")));
                case 2 -> rpc.clientStream("sum", null, IteratorPublisher.of(List.of(Json.parse("1"), Json.parse("2"))));
                default -> all(rpc.duplex("echoStream", null, IteratorPublisher.of(List.of(Json.parse("{\"a\":1}"),
                        Json.parse("[2]")))));
            };
        } catch (RpcException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<Void> all(Flow.Publisher<JsonNode> results) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        results.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode item) {
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        return done;
    }
}
