package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The caller's side of one call: opens its stream, sends the request (and input), reads the answer, enforces the timeout. */
final class ClientCall implements MessageReader.Listener, ReaderPublisher.Owner, MessagePump.Listener {
    private final MethodKind kind;
    private final String method;
    private final long id;
    private final JsonNode params;
    private final Flow.Publisher<JsonNode> input;
    private final Duration timeout;
    private final Inbound inbound = new Inbound(null);
    private final MessageReader reader;
    private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    private final CompletableFuture<RpcClient.RawCall> raw = new CompletableFuture<>();
    private final ReaderPublisher output;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ScheduledFuture<?> deadline;
    private volatile SluiceStream stream;
    private volatile int abortCode = -1;
    private volatile MessagePump pump;

    ClientCall(MethodKind kind, String method, long id, JsonNode params, Flow.Publisher<JsonNode> input,
            RpcLimits limits, Duration timeout, ScheduledExecutorService timer) {
        this.kind = kind;
        this.method = method;
        this.id = id;
        this.params = params;
        this.input = input;
        this.timeout = timeout;
        this.reader = new MessageReader(inbound, limits, kind == MethodKind.RAW, this);
        inbound.consumer(reader);
        this.output = new ReaderPublisher(reader, ClientCall::resultValue, this);
        this.deadline = timer.schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((v, e) -> {
            if (e instanceof CancellationException) {
                end(null, RpcCodes.ABORT_CANCELLED);
            }
        });
        raw.whenComplete((v, e) -> {
            if (e instanceof CancellationException) {
                end(null, RpcCodes.ABORT_CANCELLED);
            }
        });
    }

    CompletableFuture<JsonNode> result() {
        return result;
    }

    Flow.Publisher<JsonNode> output() {
        return output;
    }

    CompletableFuture<RpcClient.RawCall> raw() {
        return raw;
    }

    void open(StreamSession session) {
        CompletionStage<SluiceStream> opening;
        try {
            opening = session.openStreamAsync();
        } catch (RuntimeException e) {
            end(Errors.fromTransport(e), -1);
            return;
        }
        opening.whenComplete((opened, error) -> {
            if (error != null) {
                end(Errors.fromTransport(error), -1);
            } else {
                begin(opened);
            }
        });
    }

    private void begin(SluiceStream opened) {
        stream = opened;
        int code = abortCode;
        if (code >= 0 || ended.get()) {
            opened.abortWrite(Math.max(code, RpcCodes.ABORT_CANCELLED));
            opened.cancelRead(Math.max(code, RpcCodes.ABORT_CANCELLED));
            return;
        }
        opened.reads().subscribe(inbound);
        opened.write(requestBytes());
        switch (kind) {
            case UNARY, CLIENT_STREAMING -> reader.request(Long.MAX_VALUE);
            case RAW -> reader.request(1);
            default -> {
                // server-streaming and duplex: the output's subscriber drives the reads
            }
        }
        if (kind.takesInput()) {
            JsonNode idNode = Json.NODES.numberNode(id);
            MessagePump p = new MessagePump(opened, value -> Messages.input(idNode, value), this);
            pump = p;
            input.subscribe(p);
        }
        // Without input the write side stays open until the call ends: an abort then reaches the
        // server as a RESET carrying its code (after a FIN it could only stop the server's writing).
    }

    /** The call ended with the server's answer: the caller's side is done too. */
    private void closeWriteWhenNoInput() {
        SluiceStream s = stream;
        if (s != null && !kind.takesInput() && kind != MethodKind.RAW) {
            s.closeWrite();
        }
    }

    private ByteBuffer requestBytes() {
        ByteBuffer line = Json.encodeLine(Messages.request(id, method, params));
        ByteBuffer bytes = ByteBuffer.allocate(1 + line.remaining());
        bytes.put(RpcCodes.STREAM_MARKER).put(line).flip();
        return bytes;
    }

    static JsonNode resultValue(JsonNode message) throws RpcException {
        if (message.has("error")) {
            throw RpcException.fromErrorObject(message.get("error"));
        }
        if (!message.isObject() || !message.has("result")) {
            throw new RpcException(RpcCodes.PROTOCOL_ERROR, "expected a result or an error, got "
                    + Messages.abbreviate(message));
        }
        return message.get("result");
    }

    @Override
    public void onMessage(JsonNode message) {
        switch (kind) {
            case SERVER_STREAMING, DUPLEX -> output.onMessage(message);
            case RAW -> {
                try {
                    JsonNode header = resultValue(message);
                    reader.stop();
                    ReplayStream replay = new ReplayStream(stream, inbound, reader.takeLeftover(), true);
                    if (ended.compareAndSet(false, true)) {
                        deadline.cancel(false);
                        raw.complete(new RpcClient.RawCall(header, replay));
                    }
                } catch (RpcException e) {
                    end(e, e.code() == RpcCodes.PROTOCOL_ERROR ? RpcCodes.ABORT_PROTOCOL_ERROR : -1);
                }
            }
            default -> {
                if (ended.get()) {
                    return;
                }
                try {
                    JsonNode value = resultValue(message);
                    if (ended.compareAndSet(false, true)) {
                        deadline.cancel(false);
                        closeWriteWhenNoInput();
                        result.complete(value);
                    }
                } catch (RpcException e) {
                    end(e, e.code() == RpcCodes.PROTOCOL_ERROR ? RpcCodes.ABORT_PROTOCOL_ERROR : -1);
                }
            }
        }
    }

    @Override
    public void onEnd() {
        if (kind == MethodKind.SERVER_STREAMING || kind == MethodKind.DUPLEX) {
            if (ended.compareAndSet(false, true)) {
                deadline.cancel(false);
                closeWriteWhenNoInput();
                output.onEnd();
            }
        } else {
            end(new RpcException(RpcCodes.PROTOCOL_ERROR, "the server ended the stream without a response"), -1);
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        if (failure instanceof RpcException parse && parse.code() == RpcCodes.PARSE_ERROR) {
            end(parse, RpcCodes.ABORT_PARSE_ERROR);
        } else {
            end(Errors.fromTransport(failure), RpcCodes.ABORT_CANCELLED);
        }
    }

    private void timedOut() {
        end(new RpcTimeoutException(method, timeout), RpcCodes.ABORT_TIMEOUT);
    }

    @Override
    public void onCancelled() {
        end(null, RpcCodes.ABORT_CANCELLED);
    }

    @Override
    public void onBadMessage(RpcException error) {
        // The server's error (it ends its side next) or a malformed message (then the stream is aborted).
        end(error, error.code() == RpcCodes.PROTOCOL_ERROR ? RpcCodes.ABORT_PROTOCOL_ERROR : -1);
        reader.request(Long.MAX_VALUE);
    }

    @Override
    public void onPumped() {
        SluiceStream s = stream;
        if (s != null) {
            s.closeWrite();
        }
    }

    @Override
    public void onSourceFailed(Throwable failure) {
        end(new RpcException(RpcCodes.CANCELLED, "the call's input failed: " + failure, null, failure),
                RpcCodes.ABORT_CANCELLED);
    }

    @Override
    public void onWriteFailed(Throwable failure) {
        // The server stopped reading: its answer (or the stream's failure) arrives on the read side.
    }

    /**
     * Ends the call once: fails it with {@code error} (null when the caller cancelled) and, when
     * {@code streamAbortCode} is not -1, aborts the stream both ways with that code.
     */
    private void end(RpcException error, int streamAbortCode) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        deadline.cancel(false);
        if (error != null) {
            result.completeExceptionally(error);
            raw.completeExceptionally(error);
            output.fail(error);
        } else {
            CancellationException cancelled = new CancellationException("call " + method + " cancelled");
            result.completeExceptionally(cancelled);
            raw.completeExceptionally(cancelled);
            output.fail(new RpcException(RpcCodes.CANCELLED, "call " + method + " cancelled"));
        }
        MessagePump p = pump;
        if (p != null && streamAbortCode != -1) {
            p.cancel();
        }
        if (streamAbortCode == -1) {
            closeWriteWhenNoInput();
        } else {
            abortCode = streamAbortCode;
            SluiceStream s = stream;
            if (s != null) {
                reader.stop();
                s.abortWrite(streamAbortCode);
                s.cancelRead(streamAbortCode);
            }
        }
    }
}

