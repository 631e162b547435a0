package dev.sluice.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Turns a byte stream of concatenated JSON values (no separator, any whitespace, or one per line)
 * into {@link JsonNode}s, chunk by chunk as the bytes arrive, with jackson-core's non-blocking
 * parser. It keeps no reference to a chunk after {@link #feed} returns: a value split across chunks
 * lives only as the tokens parsed so far (at most {@link RpcLimits#maxMessageBytes} of them).
 * Not thread-safe: one feeder at a time.
 */
public final class JsonValueDecoder {
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);
    /** Factories are thread-safe and costly to build (symbol tables): one per set of limits. */
    private static final Map<List<Integer>, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    private final RpcLimits limits;
    private final ObjectMapper mapper;
    private final JsonFactory factory;
    private JsonParser parser;
    private ByteBufferFeeder feeder;
    /** Bytes fed before the current chunk. */
    private long fedBefore;
    /** Tokens of the value being read; null between values. */
    private TokenBuffer value;
    private long valueStart;
    private int depth;
    private boolean broken;
    /** The last byte other than whitespace fed before the current chunk, or -1. */
    private int lastSignificantByte = -1;
    /** The current chunk starts (after whitespace) with a closing bracket right after a ',' or ':'. */
    private boolean closesAfterSeparator;

    public JsonValueDecoder(RpcLimits limits) {
        this.limits = limits;
        this.mapper = Json.MAPPER;
        this.factory = FACTORIES.computeIfAbsent(List.of(limits.maxDepth(), limits.maxMessageBytes()),
                key -> JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(limits.maxDepth())
                                .maxStringLength(limits.maxMessageBytes())
                                .maxNameLength(limits.maxMessageBytes())
                                .maxNumberLength(Math.min(limits.maxMessageBytes(), 10_000))
                                .build())
                        .build());
        newParser();
    }

    private void newParser() {
        try {
            parser = factory.createNonBlockingByteBufferParser();
        } catch (IOException e) {
            throw new IllegalStateException("jackson cannot create a non-blocking parser", e);
        }
        feeder = (ByteBufferFeeder) parser.getNonBlockingInputFeeder();
        fedBefore = 0;
    }

    /**
     * Parses {@code chunk} (its position and limit are left as they were), passing each complete value
     * to {@code sink} in order. Parsing stops early when {@code sink} returns false.
     *
     * @return the number of bytes at the end of {@code chunk} not parsed: 0 unless {@code sink} stopped it
     * @throws RpcException with {@link RpcCodes#PARSE_ERROR} on invalid JSON or a value over the limits;
     *                      the decoder is unusable afterwards
     */
    public int feed(ByteBuffer chunk, Predicate<JsonNode> sink) throws RpcException {
        checkUsable();
        try {
            int first = firstSignificant(chunk);
            closesAfterSeparator = first >= 0 && (chunk.get(first) == '}' || chunk.get(first) == ']')
                    && (lastSignificantByte == ',' || lastSignificantByte == ':');
            feeder.feedInput(chunk);
            boolean stopped = drain(sink);
            closesAfterSeparator = false;
            long consumed = parser.currentLocation().getByteOffset() - fedBefore;
            int left = stopped ? chunk.remaining() - (int) consumed : 0;
            if (stopped) {
                // Stopped between two values: the rest of the chunk is the caller's now, and a fresh
                // parser (holding no reference to the chunk) takes whatever comes next.
                parser.close();
                newParser();
                lastSignificantByte = -1;
            } else {
                int last = lastSignificant(chunk);
                if (last >= 0) {
                    lastSignificantByte = chunk.get(last) & 0xFF;
                }
                // Let go of the chunk: the parser keeps only its own copies of a token cut in two.
                fedBefore += chunk.remaining();
                feeder.feedInput(NO_BYTES);
                checkSize(fedBefore);
            }
            return left;
        } catch (JsonProcessingException e) {
            throw parseError(e);
        } catch (IOException e) {
            throw parseError(e);
        }
    }

    /**
     * The input ended: passes a value that only the end completes (a trailing number) to {@code sink}.
     *
     * @throws RpcException {@link RpcCodes#PARSE_ERROR} when the input ends inside a value
     */
    public void end(Predicate<JsonNode> sink) throws RpcException {
        checkUsable();
        try {
            feeder.endOfInput();
            drain(sink);
        } catch (IOException e) {
            throw parseError(e);
        }
        if (value != null) {
            broken = true;
            throw new RpcException(RpcCodes.PARSE_ERROR, "the input ended inside a JSON value");
        }
    }

    /** True between values: nothing of a next value has been read. */
    public boolean atValueBoundary() {
        return value == null;
    }

    private boolean drain(Predicate<JsonNode> sink) throws IOException, RpcException {
        JsonToken token;
        boolean firstToken = true;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (firstToken && closesAfterSeparator && token.isStructEnd()) {
                throw refusedClose(token);
            }
            firstToken = false;
            if (value == null) {
                value = new TokenBuffer(parser);
                valueStart = parser.currentTokenLocation().getByteOffset();
            }
            value.copyCurrentEvent(parser);
            if (token.isStructStart()) {
                if (++depth > limits.maxDepth()) {
                    throw limitError("nesting deeper than " + limits.maxDepth());
                }
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                checkSize(parser.currentLocation().getByteOffset());
                JsonNode node = complete();
                if (!sink.test(node)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * jackson-core's non-blocking parser (2.23) accepts {@code {"a":}} and {@code {"a":1,}} when the
     * closing bracket begins a new feed (after whitespace) and the previous feed ended with the ':'
     * or ','; fed whole, the same bytes are refused. In valid JSON neither byte is ever followed by
     * a closing bracket, so a closing token that is the first token of such a chunk is refused here.
     * (A bracket inside a string cannot be the first token: the string is.)
     */
    private RpcException refusedClose(JsonToken token) {
        return limitError("'" + (token == JsonToken.END_OBJECT ? '}' : ']') + "' right after '"
                + (char) lastSignificantByte + "'");
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** Index of the chunk's first byte other than whitespace, or -1. */
    private static int firstSignificant(ByteBuffer chunk) {
        for (int i = chunk.position(); i < chunk.limit(); i++) {
            if (!isWhitespace(chunk.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the chunk's last byte other than whitespace, or -1. */
    private static int lastSignificant(ByteBuffer chunk) {
        for (int i = chunk.limit() - 1; i >= chunk.position(); i--) {
            if (!isWhitespace(chunk.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode complete() throws IOException {
        TokenBuffer tokens = value;
        value = null;
        try (JsonParser replay = tokens.asParser(mapper)) {
            JsonNode node = mapper.readTree(replay);
            return node;
        } finally {
            tokens.close();
        }
    }

    private void checkSize(long offset) throws RpcException {
        if (value != null && offset - valueStart > limits.maxMessageBytes()) {
            throw limitError("a message larger than " + limits.maxMessageBytes() + " bytes");
        }
    }

    private RpcException limitError(String what) {
        broken = true;
        value = null;
        return new RpcException(RpcCodes.PARSE_ERROR, "parse error: " + what);
    }

    private RpcException parseError(IOException e) {
        broken = true;
        value = null;
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return new RpcException(RpcCodes.PARSE_ERROR, "parse error: " + message, null, e);
    }

    private void checkUsable() throws RpcException {
        if (broken) {
            throw new RpcException(RpcCodes.PARSE_ERROR, "the input already failed to parse");
        }
    }
}
