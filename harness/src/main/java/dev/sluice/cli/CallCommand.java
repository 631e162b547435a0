package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeId;
import dev.sluice.rpc.IteratorPublisher;
import dev.sluice.rpc.Json;
import dev.sluice.rpc.JsonValueDecoder;
import dev.sluice.rpc.MethodKind;
import dev.sluice.rpc.RpcClient;
import dev.sluice.rpc.RpcCodes;
import dev.sluice.rpc.RpcException;
import dev.sluice.rpc.RpcLimits;
import dev.sluice.rpc.RpcService;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamSession;
import dev.sluice.stream.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./sluice call}: one JSON-RPC call to a Sluice server. Prints each result as one JSON line;
 * for client-streaming and duplex methods the input is the concatenated JSON values on stdin.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Calls METHOD on a Sluice server over one stream and prints each result as one JSON line.",
            "Client-streaming and duplex methods read their input from stdin: JSON values, concatenated,",
            "whitespace-separated or one per line. An error prints {\"error\":{\"code\":..,\"message\":..}} and exits 1."})
public final class CallCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, description = "Server port.")
    int port;

    @Option(names = "--node-id", required = true, description = "The NodeId the server must prove.")
    String nodeId;

    @Option(names = "--timeout-ms", defaultValue = "10000", description = "The call's timeout (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--connect-timeout-ms", defaultValue = "10000",
            description = "TCP + TLS + upgrade (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMillis;

    @Parameters(index = "0", paramLabel = "METHOD", description = "The method, e.g. echo, count, sum, echoStream.")
    String method;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PARAMS_JSON", description = "The request's params (a JSON value).")
    String paramsJson;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        NodeId expected;
        JsonNode params;
        try {
            expected = NodeId.parse(nodeId);
            params = paramsJson == null ? null : Json.parse(paramsJson);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice call: " + e.getMessage());
            return 2;
        } catch (RpcException e) {
            return printError(out, e);
        }
        Duration timeout = Duration.ofMillis(timeoutMillis);
        ClientConfig config = ClientConfig.builder().connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .applicationHandler(Streams.client(StreamConfig.defaults())).build();
        try (SluiceClient client = SluiceClient.create(config)) {
            StreamSession session;
            try {
                session = Streams.session(client.connect(host, port, expected)
                        .get(connectTimeoutMillis + 1000, TimeUnit.MILLISECONDS));
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                return printError(out, new RpcException(RpcCodes.TRANSPORT_FAILED, "cannot connect to " + host + ":" + port
                        + ": " + (e.getCause() == null ? e : e.getCause()).toString()));
            }
            try (RpcClient rpc = RpcClient.builder(session).defaultTimeout(timeout).build()) {
                int exit = run(rpc, params, out);
                session.stopGracefully(Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                return exit;
            }
        }
    }

    private int run(RpcClient rpc, JsonNode params, PrintStream out) throws InterruptedException {
        try {
            MethodKind kind = kindOf(rpc);
            switch (kind) {
                case SERVER_STREAMING -> printAll(rpc.serverStream(method, params), out);
                case CLIENT_STREAMING -> out.println(Json.text(rpc.clientStream(method, params, stdinValues()).get()));
                case DUPLEX -> printAll(rpc.duplex(method, params, stdinValues()), out);
                case RAW -> throw new RpcException(RpcCodes.INVALID_REQUEST, "method " + method
                        + " is a raw byte stream; sluice call speaks JSON only");
                default -> out.println(Json.text(rpc.call(method, params).get()));
            }
            out.flush();
            return 0;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return printError(out, cause instanceof RpcException rpcError ? rpcError
                    : new RpcException(RpcCodes.TRANSPORT_FAILED, String.valueOf(cause)));
        } catch (RpcException e) {
            return printError(out, e);
        }
    }

    /** The method's kind from the server's {@code rpc.methods}; unary for a method it does not list (its error says so). */
    private MethodKind kindOf(RpcClient rpc) throws ExecutionException, InterruptedException {
        JsonNode methods = rpc.call(RpcService.METHODS, null).get();
        JsonNode kind = methods.get(method);
        return kind == null ? MethodKind.UNARY : MethodKind.fromWireName(kind.asText());
    }

    private static void printAll(Flow.Publisher<JsonNode> results, PrintStream out)
            throws ExecutionException, InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        results.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode item) {
                out.println(Json.text(item));
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
        done.get();
    }

    /** Every JSON value on stdin, read to its end through the same incremental reader the RPC layer uses. */
    private static Flow.Publisher<JsonNode> stdinValues() throws RpcException {
        List<JsonNode> values = new ArrayList<>();
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        InputStream in = System.in;
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                decoder.feed(ByteBuffer.wrap(buffer, 0, n), values::add);
            }
        } catch (IOException e) {
            throw new RpcException(RpcCodes.INVALID_PARAMS, "cannot read stdin: " + e.getMessage());
        }
        decoder.end(values::add);
        return IteratorPublisher.of(values);
    }

    private static int printError(PrintStream out, RpcException error) {
        out.println("{\"error\":" + Json.text(error.toErrorObject()) + "}");
        out.flush();
        return 1;
    }
}
