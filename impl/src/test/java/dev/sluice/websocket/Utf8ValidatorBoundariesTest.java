package dev.sluice.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The edges of each UTF-8 byte range (RFC 3629, section 4), byte by byte: the first and last code
 * point of every sequence length and lead-byte range, and the bytes just outside each range. Every
 * case is checked against the JDK's strict decoder too, so the table cannot drift from the standard.
 */
class Utf8ValidatorBoundariesTest {
    @Test
    void theFirstAndLastCodePointOfEveryRangeIsAccepted() {
        for (String hex : new String[] {
                "00", "7f", // one byte
                "c280", "dfbf", // two bytes: U+0080, U+07FF
                "e0a080", "e0bfbf", // E0: U+0800..U+0FFF
                "e18080", "ecbfbf", // E1..EC
                "ed8080", "ed9fbf", // ED: up to U+D7FF, below the surrogates
                "ee8080", "efbfbf", // EE..EF: U+E000..U+FFFF
                "f0908080", "f0bfbfbf", // F0: U+10000..U+3FFFF
                "f1808080", "f3bfbfbf", // F1..F3
                "f4808080", "f48fbfbf"}) { // F4: up to U+10FFFF
            assertThat(validates(hex)).as("%s is valid UTF-8", hex).isTrue();
            assertThat(jdkAccepts(hex)).as("the JDK agrees on %s", hex).isTrue();
        }
    }

    @Test
    void theBytesJustOutsideEachRangeAreRefused() {
        for (String hex : new String[] {
                "80", "bf", // a continuation byte without a lead
                "c080", "c1bf", // overlong two-byte forms
                "c27f", "c2c0", // continuation below and above 80..BF
                "e09fbf", // overlong three-byte form
                "eda080", "edbfbf", // surrogates
                "e17f80", "efc080", // continuation out of range after E1..EF
                "f08fbfbf", // overlong four-byte form
                "f4908080", // above U+10FFFF
                "f17f8080", "f3c08080", // continuation out of range after F1..F3
                "f5808080", "ff"}) { // lead bytes that never occur
            assertThat(validates(hex)).as("%s is not valid UTF-8", hex).isFalse();
            assertThat(jdkAccepts(hex)).as("the JDK agrees on %s", hex).isFalse();
        }
    }

    @Test
    void aSequenceCutShortIsIncompleteUntilItsLastByte() {
        Utf8Validator validator = new Utf8Validator();
        byte[] bytes = HexFormat.of().parseHex("f09f9880"); // U+1F600
        for (int i = 0; i < bytes.length; i++) {
            assertThat(validator.isComplete()).as("complete after %d bytes", i).isEqualTo(i == 0);
            assertThat(validator.accept(bytes[i] & 0xFF)).isTrue();
        }
        assertThat(validator.isComplete()).isTrue();
    }

    private static boolean validates(String hex) {
        Utf8Validator validator = new Utf8Validator();
        for (byte b : HexFormat.of().parseHex(hex)) {
            if (!validator.accept(b & 0xFF)) {
                return false;
            }
        }
        return validator.isComplete();
    }

    private static boolean jdkAccepts(String hex) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
