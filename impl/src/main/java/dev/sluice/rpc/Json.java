package dev.sluice.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The one ObjectMapper of the RPC layer, and the encoding of a message: compact JSON and a newline. */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** One message as it goes on the wire: its compact JSON text followed by {@code '\n'}. */
    public static ByteBuffer encodeLine(JsonNode message) {
        try {
            byte[] text = MAPPER.writeValueAsBytes(message);
            byte[] line = Arrays.copyOf(text, text.length + 1);
            line[text.length] = '\n';
            return ByteBuffer.wrap(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getNodeType() + " as JSON", e);
        }
    }

    /** Compact JSON text of {@code node}, for printing. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + node.getNodeType() + " as JSON", e);
        }
    }

    /** Parses one complete JSON text (e.g. a command-line argument). */
    public static JsonNode parse(String text) throws RpcException {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RpcException(RpcCodes.PARSE_ERROR, "parse error: " + e.getOriginalMessage());
        }
    }

    static ObjectNode envelope(JsonNode id) {
        ObjectNode message = NODES.objectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        return message;
    }
}
