package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's side of one call: reads the request, runs the handler, writes its answer and ends
 * the stream; cancels the handler when the caller aborts, the stream fails or the connection ends.
 */
final class ServerCall implements MessageReader.Listener, ReaderPublisher.Owner, MessagePump.Listener {
    private final SluiceStream stream;
    private final ConnectionInfo connection;
    private final RpcService service;
    private final Inbound inbound;
    private final MessageReader reader;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile JsonNode id = NullNode.getInstance();
    private volatile CallContext context;
    private volatile ReaderPublisher input;
    private volatile MessagePump pump;
    private volatile CompletableFuture<JsonNode> answer;
    private boolean requestSeen;

    ServerCall(SluiceStream stream, ConnectionInfo connection, RpcService service, RpcLimits limits, Inbound inbound) {
        this.stream = stream;
        this.connection = connection;
        this.service = service;
        this.inbound = inbound;
        this.reader = new MessageReader(inbound, limits, true, this);
    }

    /** Starts reading the request; {@code rest} is what followed the marker in its chunk (read now, not kept). */
    void start(ByteBuffer rest) {
        inbound.consumer(reader);
        stream.closeFuture().whenComplete((v, e) -> cancel(new RpcException(RpcCodes.CANCELLED,
                "the stream closed before the call ended"), RpcCodes.ABORT_CANCELLED));
        if (rest.hasRemaining()) {
            reader.onChunk(rest);
        }
        reader.request(1);
    }

    @Override
    public void onMessage(JsonNode message) {
        if (!requestSeen) {
            requestSeen = true;
            onRequest(message);
        } else if (input != null) {
            input.onMessage(message);
        }
        // A unary or server-streaming method has no use for more messages: they are read and dropped.
    }

    @Override
    public void onEnd() {
        if (!requestSeen) {
            fail(new RpcException(RpcCodes.INVALID_REQUEST, "the stream ended before a request"),
                    RpcCodes.ABORT_PROTOCOL_ERROR);
        } else if (input != null) {
            input.onEnd();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        if (failure instanceof RpcException parse && parse.code() == RpcCodes.PARSE_ERROR) {
            fail(parse, RpcCodes.ABORT_PARSE_ERROR);
        } else {
            int code = failure instanceof StreamException se ? se.code() : RpcCodes.ABORT_CANCELLED;
            cancel(new RpcException(RpcCodes.CANCELLED, "the caller's stream failed (abort code "
                    + AbortCodes.describe(code) + "): " + failure.getMessage(), null, failure), code);
        }
    }

    private void onRequest(JsonNode request) {
        JsonNode requestId = request.path("id");
        if (requestId.isNumber() || requestId.isTextual()) {
            id = requestId;
        }
        String problem = RequestShape.problem(request);
        if (problem != null) {
            fail(new RpcException(RpcCodes.INVALID_REQUEST, "invalid request: " + problem), RpcCodes.ABORT_PROTOCOL_ERROR);
            return;
        }
        String name = request.get("method").textValue();
        RpcService.Method method = service.method(name);
        if (method == null) {
            respond(Messages.error(id, new RpcException(RpcCodes.METHOD_NOT_FOUND, "method not found: " + name)));
            return;
        }
        JsonNode params = request.path("params");
        context = new CallContext(name, id, connection);
        try {
            dispatch(method, params);
        } catch (Exception e) {
            respondError(e);
        }
    }

    private void dispatch(RpcService.Method method, JsonNode params) throws Exception {
        switch (method.kind()) {
            case UNARY -> {
                readToEnd();
                answer(((Handlers.Unary) method.handler()).handle(params, context));
            }
            case SERVER_STREAMING -> {
                readToEnd();
                pump(((Handlers.ServerStreaming) method.handler()).handle(params, context));
            }
            case CLIENT_STREAMING -> {
                input = new ReaderPublisher(reader, Messages::inputValue, this);
                reader.resume();
                answer(((Handlers.ClientStreaming) method.handler()).handle(params, input, context));
            }
            case DUPLEX -> {
                input = new ReaderPublisher(reader, Messages::inputValue, this);
                reader.resume();
                pump(((Handlers.Duplex) method.handler()).handle(params, input, context));
            }
            case RAW -> {
                reader.stop();
                ReplayStream raw = new ReplayStream(stream, inbound, reader.takeLeftover(), true);
                CompletionStage<JsonNode> header = ((Handlers.Raw) method.handler()).handle(params, raw, context);
                requireNonNull(header).whenComplete((value, error) -> {
                    if (error != null) {
                        respondError(error);
                    } else if (finished.compareAndSet(false, true)) {
                        // The handler owns the stream from here: only the header is ours to write.
                        stream.write(Json.encodeLine(Messages.result(id, value)));
                    }
                });
            }
            default -> throw new IllegalStateException("unknown method kind " + method.kind());
        }
    }

    /** For methods that take no input: read on (and drop) to the caller's FIN, so an abort is seen at once. */
    private void readToEnd() {
        reader.resume();
        reader.request(Long.MAX_VALUE);
    }

    private void answer(CompletionStage<JsonNode> stage) {
        CompletableFuture<JsonNode> future = requireNonNull(stage).toCompletableFuture();
        answer = future;
        future.whenComplete((value, error) -> {
            if (error != null) {
                respondError(error);
            } else {
                respond(Messages.result(id, value));
            }
        });
    }

    private void pump(Flow.Publisher<JsonNode> output) {
        MessagePump p = new MessagePump(stream, value -> Messages.result(id, value), this);
        pump = p;
        requireNonNull(output).subscribe(p);
    }

    private static <T> T requireNonNull(T value) throws IllegalStateException {
        if (value == null) {
            throw new IllegalStateException("the handler returned null");
        }
        return value;
    }

    @Override
    public void onPumped() {
        if (finished.compareAndSet(false, true)) {
            endStream();
        }
    }

    @Override
    public void onSourceFailed(Throwable failure) {
        respondError(failure);
    }

    @Override
    public void onWriteFailed(Throwable failure) {
        int code = failure instanceof StreamException se ? se.code() : RpcCodes.ABORT_CANCELLED;
        cancel(new RpcException(RpcCodes.CANCELLED, "the caller stopped reading (abort code "
                + AbortCodes.describe(code) + "): " + failure.getMessage(), null, failure), code);
    }

    @Override
    public void onCancelled() {
        // The handler wants no more input; its answer still goes out.
        reader.stop();
        stream.cancelRead(RpcCodes.ABORT_CANCELLED);
    }

    @Override
    public void onBadMessage(RpcException error) {
        fail(error, RpcCodes.ABORT_PROTOCOL_ERROR);
    }

    private void respondError(Throwable failure) {
        respond(Messages.error(id, Errors.fromHandler(failure)));
    }

    private void respond(ObjectNode message) {
        if (finished.compareAndSet(false, true)) {
            stream.write(Json.encodeLine(message));
            endStream();
        }
    }

    /** Answers with {@code error}, stops reading with {@code readAbortCode} and cancels the handler. */
    private void fail(RpcException error, int readAbortCode) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        stream.write(Json.encodeLine(Messages.error(id, error)));
        stream.closeWrite();
        reader.stop();
        stream.cancelRead(readAbortCode);
        cancelHandler(error);
    }

    private void endStream() {
        stream.closeWrite();
        if (input != null && !reader.finished()) {
            // The handler answered before its input ended: the rest of the input is of no use.
            // (Without input, the caller's FIN follows the answer and is read as it comes.)
            reader.stop();
            stream.cancelRead(RpcCodes.ABORT_CANCELLED);
        }
        if (input != null) {
            input.fail(new RpcException(RpcCodes.CANCELLED, "the call already ended"));
        }
    }

    private void cancel(RpcException reason, int abortCode) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        reader.stop();
        cancelHandler(reason);
        stream.abortWrite(abortCode);
        stream.cancelRead(abortCode);
    }

    private void cancelHandler(RpcException reason) {
        CallContext c = context;
        if (c != null) {
            c.cancel(reason);
        }
        MessagePump p = pump;
        if (p != null) {
            p.cancel();
        }
        ReaderPublisher in = input;
        if (in != null) {
            in.fail(reason);
        }
        CompletableFuture<JsonNode> a = answer;
        if (a != null) {
            a.cancel(false);
        }
    }
}

