package dev.sluice.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The incremental validator agrees with the JDK's strict UTF-8 decoder, however the bytes are split. */
class Utf8ValidatorProperties {
    @Property(tries = 3000)
    void agreesWithTheJdkDecoderForAnySplit(@ForAll("nearlyUtf8") byte[] bytes, @ForAll @IntRange(max = 64) int split) {
        Utf8Validator validator = new Utf8Validator();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        int cut = Math.min(split, bytes.length);
        boolean valid = validator.accept(buf, 0, cut) && validator.accept(buf, cut, bytes.length - cut)
                && validator.isComplete();
        assertThat(valid).as("valid UTF-8").isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 2000)
    void failsAtTheFirstBadByteNotLater(@ForAll("nearlyUtf8") byte[] bytes) {
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
    @Provide
    Arbitrary<byte[]> nearlyUtf8() {
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(text, text.flatMap(bytes -> Arbitraries.integers().between(0, 255).list().ofMaxSize(3)
                .map(replacements -> {
                    byte[] mutated = bytes.clone();
                    for (int i = 0; i < replacements.size() && mutated.length > 0; i++) {
                        mutated[(i * 7919) % mutated.length] = (byte) (int) replacements.get(i);
                    }
                    return mutated;
                })), Arbitraries.bytes().array(byte[].class).ofMaxSize(12));
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
