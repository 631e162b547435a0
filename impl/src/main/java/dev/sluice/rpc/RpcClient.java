package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamSession;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls methods of an {@link RpcServer} over a {@link StreamSession}, one stream per call. Every
 * call ends, within its timeout, with a result or an {@link RpcException}: the server's error
 * object, {@link RpcTimeoutException}, or {@link RpcCodes#TRANSPORT_FAILED} when the stream or the
 * connection failed. Cancelling a returned future, or a subscription, aborts the call's stream with
 * {@link RpcCodes#ABORT_CANCELLED} and the server's handler sees it. Futures complete and Flow
 * signals arrive on the connection's event loop (timeouts on the client's timer thread): never block
 * in them. {@link #close()} stops the timer thread.
 */
public final class RpcClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final StreamSession session;
    private final Duration defaultTimeout;
    private final RpcLimits limits;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong ids = new AtomicLong();

    private RpcClient(Builder b) {
        this.session = b.session;
        this.defaultTimeout = b.defaultTimeout;
        this.limits = b.limits;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sluice-rpc-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    public static RpcClient create(StreamSession session) {
        return builder(session).build();
    }

    public static Builder builder(StreamSession session) {
        return new Builder(session);
    }

    /** A unary call: one result. */
    public CompletableFuture<JsonNode> call(String method, JsonNode params) {
        return call(method, params, CallOptions.defaults());
    }

    public CompletableFuture<JsonNode> call(String method, JsonNode params, CallOptions options) {
        return start(MethodKind.UNARY, method, params, null, options).result();
    }

    /** A server-streaming call, started when the returned publisher is subscribed to (once per subscription). */
    public Flow.Publisher<JsonNode> serverStream(String method, JsonNode params) {
        return serverStream(method, params, CallOptions.defaults());
    }

    public Flow.Publisher<JsonNode> serverStream(String method, JsonNode params, CallOptions options) {
        return subscriber -> start(MethodKind.SERVER_STREAMING, method, params, null, options).output().subscribe(subscriber);
    }

    /** A client-streaming call: {@code input}'s values go to the server as it reads them; one result. */
    public CompletableFuture<JsonNode> clientStream(String method, JsonNode params, Flow.Publisher<JsonNode> input) {
        return clientStream(method, params, input, CallOptions.defaults());
    }

    public CompletableFuture<JsonNode> clientStream(String method, JsonNode params, Flow.Publisher<JsonNode> input,
            CallOptions options) {
        return start(MethodKind.CLIENT_STREAMING, method, params, requireInput(input), options).result();
    }

    /** A duplex call, started when the returned publisher is subscribed to. */
    public Flow.Publisher<JsonNode> duplex(String method, JsonNode params, Flow.Publisher<JsonNode> input) {
        return duplex(method, params, input, CallOptions.defaults());
    }

    public Flow.Publisher<JsonNode> duplex(String method, JsonNode params, Flow.Publisher<JsonNode> input,
            CallOptions options) {
        requireInput(input);
        return subscriber -> start(MethodKind.DUPLEX, method, params, input, options).output().subscribe(subscriber);
    }

    /**
     * A raw call: completes, once the server accepted it, with the stream, whose reads begin after
     * the server's result message and whose writes go to the handler as bytes. The timeout covers
     * the acceptance only.
     */
    public CompletableFuture<RawCall> raw(String method, JsonNode params) {
        return raw(method, params, CallOptions.defaults());
    }

    public CompletableFuture<RawCall> raw(String method, JsonNode params, CallOptions options) {
        return start(MethodKind.RAW, method, params, null, options).raw();
    }

    /** An accepted raw call: the server's result, and the stream that now carries bytes. */
    public record RawCall(JsonNode result, SluiceStream stream) {
    }

    private ClientCall start(MethodKind kind, String method, JsonNode params, Flow.Publisher<JsonNode> input,
            CallOptions options) {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("a call needs a method name");
        }
        ClientCall call = new ClientCall(kind, method, ids.incrementAndGet(), params, input, limits,
                options.timeoutOr(defaultTimeout), timer);
        call.open(session);
        return call;
    }

    private static Flow.Publisher<JsonNode> requireInput(Flow.Publisher<JsonNode> input) {
        if (input == null) {
            throw new IllegalArgumentException("a streaming call needs an input publisher");
        }
        return input;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    public static final class Builder {
        private final StreamSession session;
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private RpcLimits limits = RpcLimits.defaults();

        private Builder(StreamSession session) {
            if (session == null) {
                throw new IllegalArgumentException("an RpcClient needs a stream session");
            }
            this.session = session;
        }

        /** The timeout of calls that do not set their own. */
        public Builder defaultTimeout(Duration timeout) {
            CallOptions.timeout(timeout);
            this.defaultTimeout = timeout;
            return this;
        }

        public Builder limits(RpcLimits limits) {
            this.limits = limits;
            return this;
        }

        public RpcClient build() {
            return new RpcClient(this);
        }
    }
}
