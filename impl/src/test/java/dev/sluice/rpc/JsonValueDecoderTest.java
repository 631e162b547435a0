package dev.sluice.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder's limits and edge cases. */
class JsonValueDecoderTest {
    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersSeparatedByWhitespaceAndATrailingNumberAtTheEnd() throws Exception {
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        List<JsonNode> out = new ArrayList<>();
        decoder.feed(ascii("1 2\n3\t4"), out::add);
        assertThat(out).hasSize(3);
        decoder.end(out::add);
        assertThat(out).extracting(JsonNode::intValue).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aMessageOverTheSizeLimitIsAParseErrorEvenWhenItNeverEnds() {
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.builder().maxMessageBytes(100).build());
        assertThatThrownBy(() -> {
            decoder.feed(ascii("[\"" + "x".repeat(60)), v -> true);
            decoder.feed(ascii("x".repeat(60)), v -> true);
        }).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcCodes.PARSE_ERROR))
                .hasMessageContaining("100 bytes");
    }

    @Test
    void nestingDeeperThanTheLimitIsAParseError() {
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.builder().maxDepth(8).build());
        assertThatThrownBy(() -> decoder.feed(ascii("[".repeat(9)), v -> true))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcCodes.PARSE_ERROR))
                .hasMessageContaining("nesting depth (9) exceeds the maximum allowed (8");
    }

    @Test
    void invalidJsonAndAnEndInsideAValueAreParseErrors() throws Exception {
        assertThatThrownBy(() -> new JsonValueDecoder(RpcLimits.defaults()).feed(ascii("{\"a\" 1}"), v -> true))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcCodes.PARSE_ERROR));
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        decoder.feed(ascii("{\"a\":"), v -> true);
        assertThatThrownBy(() -> decoder.end(v -> true)).hasMessageContaining("end-of-input");
    }

    @Test
    void stoppingAfterAValueLeavesTheRestOfTheChunk() throws Exception {
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        List<JsonNode> out = new ArrayList<>();
        assertThat(decoder.feed(ascii("{\"h\":1}\nRAW BYTES"), v -> !out.add(v))).isEqualTo(10);
        decoder.feed(ascii("{\"next\":2}"), out::add);
        assertThat(out).hasSize(2);
    }

    @Test
    void aClosingBracketRightAfterAColonOrCommaIsAParseErrorWhereverTheInputIsCut() {
        // found by JsonReaderFuzzTest: jackson's non-blocking parser accepted these when the bracket
        // began a new feed
        for (String[] chunks : new String[][] {{"{\"a\":", "}"}, {"{\"a\":1,", " \n}"}, {"{\"a\":1,", " ", "}"},
                {"[1,", "]"}, {"{\"a\":", "}"}}) {
            JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
            List<JsonNode> out = new ArrayList<>();
            assertThatThrownBy(() -> {
                for (String chunk : chunks) {
                    decoder.feed(ascii(chunk), out::add);
                }
                decoder.end(out::add);
            }).as("%s", String.join("|", chunks)).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.code()).isEqualTo(RpcCodes.PARSE_ERROR));
            assertThat(out).as("%s", String.join("|", chunks)).isEmpty();
        }
    }

    @Test
    void aBracketInsideAStringAfterAColonOrCommaIsJustText() throws Exception {
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        List<JsonNode> out = new ArrayList<>();
        for (String chunk : new String[] {"{\"a,", "\":", "\"}\",\"b\":", " [", "]}"}) {
            decoder.feed(ascii(chunk), out::add);
        }
        assertThat(out).singleElement().hasToString("{\"a,\":\"}\",\"b\":[]}");
    }
}
