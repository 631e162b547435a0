package dev.sluice.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's promise: concatenated values, with any whitespace or none between them, split into
 * chunks at any byte (inside a multi-byte character, a number, a string escape), decode to the same
 * values as the whole text does; and what the writer encodes decodes to what it was.
 */
class JsonValueDecoderProperties {
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    @Test
    void valuesSplitAtAnyChunkBoundaryDecodeLikeTheWholeText() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 12), integers().between(1, 40))
                .checkAssert((seed, count, maxChunk) -> {
                    RandomJson random = new RandomJson(seed);
                    List<JsonNode> values = new ArrayList<>();
                    StringBuilder text = new StringBuilder(random.nextInt(2) == 0 ? "" : " \n");
                    for (int i = 0; i < count; i++) {
                        JsonNode value = random.value(3);
                        if (i > 0) {
                            text.append(random.separator(values.get(i - 1), value));
                        }
                        values.add(value);
                        text.append(Json.text(value));
                    }
                    if (random.nextInt(2) == 0) {
                        text.append('\n');
                    }
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    assertThat(decodeInChunks(bytes, bytes.length)).as("whole: %s", text).isEqualTo(values);
                    assertThat(decodeInChunks(bytes, maxChunk, random)).as("chunks of up to %d: %s", maxChunk, text)
                            .isEqualTo(values);
                });
    }

    @Test
    void whatTheWriterEncodesDecodesToWhatItWas() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            RandomJson random = new RandomJson(seed);
            JsonNode value = random.value(4);
            JsonNode request = Messages.request(seed, "m", value);
            JsonNode result = Messages.result(Json.NODES.numberNode(seed), value);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (JsonNode message : List.of(request, result)) {
                ByteBuffer line = Json.encodeLine(message);
                assertThat(line.get(line.limit() - 1)).isEqualTo((byte) '\n');
                wire.write(line.array(), line.arrayOffset() + line.position(), line.remaining());
            }
            List<JsonNode> decoded = decodeInChunks(wire.toByteArray(), 7);
            assertThat(decoded).hasSize(2);
            // numbers compare by value: an id written from a long may read back as an int
            assertThat(request.equals(NUMERIC, decoded.get(0))).as("%s vs %s", request, decoded.get(0)).isTrue();
            assertThat(result.equals(NUMERIC, decoded.get(1))).as("%s vs %s", result, decoded.get(1)).isTrue();
        });
    }

    private static List<JsonNode> decodeInChunks(byte[] bytes, int chunk) {
        return decodeInChunks(bytes, chunk, null);
    }

    private static List<JsonNode> decodeInChunks(byte[] bytes, int maxChunk, RandomJson random) {
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        List<JsonNode> out = new ArrayList<>();
        try {
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, random == null ? maxChunk : 1 + random.nextInt(maxChunk));
                // a direct buffer with junk around the chunk: the decoder must honour position and limit
                ByteBuffer buffer = ByteBuffer.allocateDirect(n + 2);
                buffer.put((byte) '{').put(bytes, at, n).put((byte) ']').position(1).limit(1 + n);
                assertThat(decoder.feed(buffer, out::add)).isZero();
                assertThat(buffer.position()).isEqualTo(1);
                at += n;
            }
            decoder.end(out::add);
        } catch (RpcException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
