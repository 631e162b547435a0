package dev.sluice.bench.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.rpc.ReferenceService;
import dev.sluice.rpc.RpcClient;
import dev.sluice.rpc.RpcServer;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.EchoHandler;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamSession;
import dev.sluice.stream.Streams;
import dev.sluice.tls.TlsProvider;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Unary RPC calls per second over one connection, as a ratio to its control measured in the same
 * run on the same connection: the 64 B stream echo with the same shape of work (one stream per
 * operation: open, 64 B out, FIN, the 64 B back to its end). The ratio is what the RPC layer costs
 * on top of the stream (JSON encoding, parsing, dispatch). Rounds alternate between the two so
 * both see the same machine load. Prints one JSON line.
 */
@Command(name = "rpc-calls", mixinStandardHelpOptions = true,
        description = "Unary RPC calls/s (64 B params) over one connection, as a ratio to the 64 B stream echo.")
public final class RpcCallsCommand implements Callable<Integer> {
    static final int PAYLOAD_BYTES = 64;

    @Option(names = "--seconds", defaultValue = "3", description = "Measured seconds per round (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of each, alternating (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--in-flight", defaultValue = "32", description = "Operations in flight (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Override
    public Integer call() throws Exception {
        RpcServer rpc = RpcServer.builder(ReferenceService.create()).fallback(EchoHandler.INSTANCE).build();
        NodeIdentity identity = NodeIdentity.generate();
        try (SluiceServer server = SluiceServer.start(ServerConfig.builder().identity(identity)
                .tlsProvider(TlsProvider.AUTO).streamHandler(rpc, StreamConfig.defaults()).build());
                SluiceClient client = SluiceClient.create(ClientConfig.builder().streams().build())) {
            StreamSession session = Streams.session(
                    client.connect("127.0.0.1", server.port(), identity.nodeId()).get(10, TimeUnit.SECONDS));
            try (RpcClient calls = RpcClient.create(session)) {
                // 64 bytes of params: {"p":"xxx...x"}
                JsonNode params = new ObjectMapper().createObjectNode().put("p", "x".repeat(PAYLOAD_BYTES - 8));
                Supplier<CompletableFuture<?>> unary = () -> calls.call("echo", params);
                Supplier<CompletableFuture<?>> echo = () -> streamEcho(session);
                measure(unary, 1);  // warm-up of both paths
                measure(echo, 1);
                double rpcTotal = 0;
                double echoTotal = 0;
                for (int r = 0; r < rounds; r++) {
                    echoTotal += measure(echo, seconds);
                    rpcTotal += measure(unary, seconds);
                }
                double rpcRate = rpcTotal / rounds;
                double echoRate = echoTotal / rounds;
                ObjectNode line = new ObjectMapper().createObjectNode().put("event", "rpc_calls")
                        .put("paramsBytes", params.toString().length())
                        .put("inFlight", inFlight)
                        .put("unaryCallsPerSecond", Math.round(rpcRate))
                        .put("streamEcho64PerSecond", Math.round(echoRate))
                        .put("ratio", Math.round(rpcRate / echoRate * 1000) / 1000.0);
                System.out.println(line);
            }
            session.stopNow();
        }
        return 0;
    }

    /** Operations per second, with {@code inFlight} outstanding, over {@code seconds}. */
    private double measure(Supplier<CompletableFuture<?>> operation, int seconds) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            slots.acquire();
            operation.get().whenComplete((v, e) -> {
                if (e == null) {
                    done.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                slots.release();
            });
        }
        long counted = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        slots.acquire(inFlight);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " operations failed");
        }
        return counted / elapsed;
    }

    /** One 64-byte stream echo: open, write, FIN, read the echo to its end. */
    private static CompletableFuture<?> streamEcho(StreamSession session) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.openStreamAsync().whenComplete((stream, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            readToEnd(stream, done);
            stream.write(ByteBuffer.wrap(new byte[PAYLOAD_BYTES])).thenCompose(v -> stream.closeWrite());
        });
        return done;
    }

    private static void readToEnd(SluiceStream stream, CompletableFuture<Void> done) {
        stream.reads().subscribe(new Flow.Subscriber<>() {
            private long received;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                received += item.remaining();
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                if (received == PAYLOAD_BYTES) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IllegalStateException("echoed " + received + " of " + PAYLOAD_BYTES));
                }
            }
        });
    }
}
