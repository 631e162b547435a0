package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.identity.KeyFileException.Problem;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

/** A key file's PBKDF2 iteration count is the work it makes the reader do: one far too large is refused by name. */
class EncryptedKeyPemIterationsTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @Test
    void anEnormousIterationCountIsRefusedByNameAndLimit() throws Exception {
        String pem = withIterations(EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD,
                new KeyEncryption(2_000)), Integer.MAX_VALUE);
        assertThatThrownBy(() -> EncryptedKeyPem.read(pem, PASSWORD, "node.pem"))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED))
                .hasMessage("node.pem asks for 2147483647 PBKDF2 iterations, beyond the 10000000 Sluice accepts");
    }

    @Test
    void oneIterationPastTheLimitIsRefusedBeforeAnyKeyIsDerived() throws Exception {
        String pem = withIterations(EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD,
                new KeyEncryption(2_000)), EncryptedKeyPem.MAX_READ_ITERATIONS + 1);
        assertThatThrownBy(() -> EncryptedKeyPem.read(pem, PASSWORD, "node.pem"))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED))
                .hasMessageContaining("asks for 10000001 PBKDF2 iterations");
    }

    /** {@code pem} with its PBKDF2 iteration count replaced (the ciphertext is left as it is). */
    static String withIterations(String pem, int iterations) throws Exception {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(Base64.getDecoder().decode(body));
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        PBKDF2Params changed = new PBKDF2Params(kdf.getSalt(), iterations, kdf.getKeyLength() == null ? -1
                : kdf.getKeyLength().intValue(), kdf.getPrf());
        PBES2Parameters rewritten = new PBES2Parameters(
                new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, changed), pbes2.getEncryptionScheme());
        EncryptedPrivateKeyInfo out = new EncryptedPrivateKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, rewritten), info.getEncryptedData());
        return EncryptedKeyPem.PEM_FIRST_LINE + "\n" + Base64.getMimeEncoder().encodeToString(out.getEncoded())
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }
}
