package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/**
 * Coverage-guided fuzzing of the encrypted PKCS#8 PEM reader with hostile key files: whatever the
 * text, reading returns a key or fails with a {@link KeyFileException} that names the file, never
 * another exception. The committed inputs under {@code EncryptedKeyPemFuzzTestInputs/} are
 * well-formed PBES2 structures with a damaged ciphertext (no usable key is committed).
 */
class EncryptedKeyPemFuzzTest {
    private static final char[] PASSWORD = "fuzz-password".toCharArray();
    private static final String SOURCE = "fuzzed.pem";

    @FuzzTest
    void anyTextReadsAsAKeyOrFailsWithAKeyFileError(byte[] data) {
        String pem = new String(data, StandardCharsets.UTF_8);
        try {
            PrivateKey key = EncryptedKeyPem.read(pem, PASSWORD, SOURCE);
            assertThat(key.getAlgorithm()).isIn("Ed25519", "EdDSA", "EC");
        } catch (KeyFileException e) {
            assertThat(e.getMessage()).as("the error names the file").contains(SOURCE);
        }
    }
}
