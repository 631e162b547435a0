package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the encrypted PKCS#8 PEM reader with hostile key files: whatever the
 * text, reading returns a key or fails with a {@link KeyFileException} that names the file, never
 * another exception. No key file is committed: the hostile shapes that seed a human's intuition
 * (a damaged ciphertext, a cut-off block, an unencrypted label) are made at runtime from a freshly
 * generated key and checked by {@link #hostileShapesOfARealKeyFile}.
 */
class EncryptedKeyPemFuzzTest {
    private static final char[] PASSWORD = "fuzz-password".toCharArray();
    private static final String SOURCE = "fuzzed.pem";

    @FuzzTest
    void anyTextReadsAsAKeyOrFailsWithAKeyFileError(byte[] data) {
        readsAsAKeyOrFailsWithAKeyFileError(new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void hostileShapesOfARealKeyFile() {
        String pem = EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD,
                new KeyEncryption(KeyEncryption.MINIMUM_ITERATIONS));
        String[] lines = pem.split("\n");
        String body = String.join("\n", Arrays.copyOfRange(lines, 1, lines.length - 1));
        char[] damaged = body.toCharArray();
        int last = damaged.length - 5; // inside the ciphertext, clear of the base64 padding
        damaged[last] = damaged[last] == 'A' ? 'B' : 'A';
        String begin = lines[0];
        String end = lines[lines.length - 1];
        for (String shape : new String[] {
            begin + "\n" + new String(damaged) + "\n" + end + "\n",               // damaged ciphertext
            begin + "\n" + body.substring(0, body.length() / 2) + "\n",           // cut off mid-block
            unencrypted(begin) + "\n" + body.substring(0, 24) + "\n" + unencrypted(end) + "\n", // unencrypted label
        }) {
            readsAsAKeyOrFailsWithAKeyFileError(shape);
        }
    }

    /** The generated file's armor line with the label of an unencrypted key. */
    private static String unencrypted(String armor) {
        return armor.replace("ENCRYPTED ", "");
    }

    private static void readsAsAKeyOrFailsWithAKeyFileError(String pem) {
        try {
            PrivateKey key = EncryptedKeyPem.read(pem, PASSWORD, SOURCE);
            assertThat(key.getAlgorithm()).isIn("Ed25519", "EdDSA", "EC");
        } catch (KeyFileException e) {
            assertThat(e.getMessage()).as("the error names the file").contains(SOURCE);
        }
    }
}
