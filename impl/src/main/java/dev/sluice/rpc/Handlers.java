package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.SluiceStream;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The five kinds of method handler. Each runs on the connection's event loop and must not block:
 * return a stage or publisher and complete it from elsewhere. A handler that throws, or whose stage
 * or publisher fails, answers with an error object: {@link RpcException}'s own code, message and
 * data, or {@link RpcCodes#HANDLER_FAILED} for any other exception. {@code params} is
 * {@code MissingNode} when the request had none.
 */
public final class Handlers {
    private Handlers() {
    }

    /** One request, one result. */
    @FunctionalInterface
    public interface Unary {
        CompletionStage<JsonNode> handle(JsonNode params, CallContext context) throws Exception;
    }

    /** One request, a stream of results: the publisher's demand follows the caller's reading. */
    @FunctionalInterface
    public interface ServerStreaming {
        Flow.Publisher<JsonNode> handle(JsonNode params, CallContext context) throws Exception;
    }

    /** A request and a stream of values from the caller, one result. */
    @FunctionalInterface
    public interface ClientStreaming {
        CompletionStage<JsonNode> handle(JsonNode params, Flow.Publisher<JsonNode> input, CallContext context)
                throws Exception;
    }

    /** A request and a stream of values each way. */
    @FunctionalInterface
    public interface Duplex {
        Flow.Publisher<JsonNode> handle(JsonNode params, Flow.Publisher<JsonNode> input, CallContext context)
                throws Exception;
    }

    /**
     * A request, then the stream's bytes: the returned stage's value is sent as the result message,
     * after which {@code stream} carries raw bytes both ways ({@code stream.reads()} begins with the
     * caller's first byte after its request). The handler owns {@code stream} from then on.
     */
    @FunctionalInterface
    public interface Raw {
        CompletionStage<JsonNode> handle(JsonNode params, SluiceStream stream, CallContext context) throws Exception;
    }
}
