package dev.sluice.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.sluice.testsupport.PropertyRuns;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The incremental validator agrees with the JDK's strict UTF-8 decoder, however the bytes are split. */
class Utf8ValidatorProperties {
    @Test
    void agreesWithTheJdkDecoderForAnySplit() {
        PropertyRuns.tries(3000).forAll(nearlyUtf8(), integers().between(0, 64))
                .checkAssert(Utf8ValidatorProperties::agreesForSplit);
    }

    private static void agreesForSplit(byte[] bytes, int split) {
        Utf8Validator validator = new Utf8Validator();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        int cut = Math.min(split, bytes.length);
        boolean valid = validator.accept(buf, 0, cut) && validator.accept(buf, cut, bytes.length - cut)
                && validator.isComplete();
        assertThat(valid).as("valid UTF-8").isEqualTo(jdkAccepts(bytes));
    }

    @Test
    void failsAtTheFirstBadByteNotLater() {
        PropertyRuns.tries(2000).forAll(nearlyUtf8()).checkAssert(Utf8ValidatorProperties::failsAtFirstBadByte);
    }

    private static void failsAtFirstBadByte(byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        int firstRejected = -1;
        for (int i = 0; i < bytes.length && firstRejected < 0; i++) {
            if (!validator.accept(bytes[i] & 0xFF)) {
                firstRejected = i;
            }
        }
        if (firstRejected >= 0) {
            // no continuation can repair the prefix up to and including the rejected byte
            for (int end = firstRejected + 1; end <= bytes.length; end++) {
                assertThat(jdkAccepts(java.util.Arrays.copyOf(bytes, end))).isFalse();
            }
        }
    }

    /** Valid text with a few bytes replaced, so that both outcomes are common. */
    private static Gen<byte[]> nearlyUtf8() {
        Gen<byte[]> text = strings().allPossible().ofLengthBetween(0, 40).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Gen<List<Integer>> replacements = lists().of(integers().between(0, 255)).ofSizeBetween(0, 3);
        Gen<byte[]> mutatedText = text.zip(replacements, (bytes, values) -> {
            byte[] mutated = bytes.clone();
            for (int i = 0; i < values.size() && mutated.length > 0; i++) {
                mutated[(i * 7919) % mutated.length] = (byte) (int) values.get(i);
            }
            return mutated;
        });
        return Generate.oneOf(text, mutatedText, PropertyRuns.byteArrays(0, 12)).describedAs(PropertyRuns::hex);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
