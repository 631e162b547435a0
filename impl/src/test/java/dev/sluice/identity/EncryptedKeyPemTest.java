package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.identity.KeyFileException.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedKeyPemTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    /** Cheap enough for tests; the default is checked separately. */
    private static final KeyEncryption FAST = new KeyEncryption(2_000);

    @TempDir
    Path dir;

    @Test
    void anEd25519KeyRoundTripsAndStillSigns() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        String pem = EncryptedKeyPem.write(pair.getPrivate(), PASSWORD, FAST);
        assertThat(pem).startsWith(EncryptedKeyPem.PEM_FIRST_LINE);
        PrivateKey read = EncryptedKeyPem.read(pem, PASSWORD, "test");
        assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertSignsFor(read, pair, "Ed25519");
    }

    @Test
    void aP256KeyRoundTrips() throws Exception {
        KeyPair pair = IdentityCertificates.generateLeafKeyPair();
        PrivateKey read = EncryptedKeyPem.read(EncryptedKeyPem.write(pair.getPrivate(), PASSWORD, FAST), PASSWORD, "test");
        assertSignsFor(read, pair, "SHA256withECDSA");
    }

    @Test
    void theDefaultWorkFactorIsStrong() {
        assertThat(KeyEncryption.strong().iterations()).isGreaterThanOrEqualTo(600_000);
        assertThatThrownBy(() -> new KeyEncryption(10)).hasMessageContaining("at least");
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        String pem = EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD, FAST);
        assertThatThrownBy(() -> EncryptedKeyPem.read(pem, "wrong".toCharArray(), "node.pem"))
                .isInstanceOfSatisfying(KeyFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_PASSWORD_OR_TAMPERED))
                .hasMessage("node.pem could not be decrypted: the password is wrong or the file was altered");
    }

    @Test
    void alteredCiphertextIsReportedAsWrongPasswordOrTampered() {
        String pem = EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD, FAST);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        der[der.length - 1] ^= 0x01;
        der[der.length - 20] ^= 0x40;
        String tampered = EncryptedKeyPem.PEM_FIRST_LINE + "\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assertThatThrownBy(() -> EncryptedKeyPem.read(tampered, PASSWORD, "node.pem"))
                .isInstanceOfSatisfying(KeyFileException.class,
                        e -> assertThat(e.problem()).isIn(Problem.WRONG_PASSWORD_OR_TAMPERED, Problem.MALFORMED))
                .hasMessageStartingWith("node.pem");
    }

    @Test
    void truncatedOrGarbledPemIsMalformed() {
        String pem = EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD, FAST);
        assertThatThrownBy(() -> EncryptedKeyPem.read(pem.substring(0, pem.length() / 2), PASSWORD, "half.pem"))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
                .hasMessageStartingWith("half.pem");
        assertThatThrownBy(() -> EncryptedKeyPem.read("hello, not a key", PASSWORD, "text.pem"))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
                .hasMessage("text.pem contains no PEM block");
    }

    @Test
    void anUnencryptedKeyIsUnsupported() throws Exception {
        Openssl.assumeAvailable();
        Path key = dir.resolve("plain.pem");
        assertThat(Openssl.run("genpkey", "-algorithm", "ed25519", "-out", key.toString()).exitCode()).isZero();
        assertThatThrownBy(() -> EncryptedKeyPem.read(Files.readString(key), PASSWORD, "plain.pem"))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED))
                .hasMessageContaining("unencrypted private key");
    }

    @Test
    void opensslReadsTheKeysWeWrite() throws Exception {
        Openssl.assumeAvailable();
        KeyPair pair = Ed25519Keys.generate();
        Path file = dir.resolve("ours.pem");
        Files.writeString(file, EncryptedKeyPem.write(pair.getPrivate(), PASSWORD, FAST));
        Openssl.Result result = Openssl.run("pkey", "-in", file.toString(), "-passin", "pass:" + new String(PASSWORD),
                "-pubout");
        assertThat(result.exitCode()).as(result.output()).isZero();
        String expectedPublic = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        assertThat(result.output().replaceAll("\\s", "")).contains(expectedPublic);

        Openssl.Result wrong = Openssl.run("pkey", "-in", file.toString(), "-passin", "pass:nope", "-noout");
        assertThat(wrong.exitCode()).isNotZero();
    }

    @Test
    void opensslReadsOurEncryptionParameters() throws Exception {
        Openssl.assumeAvailable();
        Path file = dir.resolve("ours.pem");
        Files.writeString(file, EncryptedKeyPem.write(Ed25519Keys.generate().getPrivate(), PASSWORD, FAST));
        Openssl.Result parsed = Openssl.run("asn1parse", "-in", file.toString());
        assertThat(parsed.output()).contains("PBES2").contains("PBKDF2").contains("aes-256-cbc").contains("hmacWithSHA256");
    }

    @Test
    void weReadAnEd25519KeyOpensslEncrypted() throws Exception {
        Openssl.assumeAvailable();
        Path key = dir.resolve("theirs.pem");
        Openssl.Result made = Openssl.run("genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:" + new String(PASSWORD),
                "-out", key.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        PrivateKey read = EncryptedKeyPem.read(Files.readString(key, StandardCharsets.US_ASCII), PASSWORD, key.toString());
        assertThat(read.getAlgorithm()).isIn("Ed25519", "EdDSA");
        Path pub = dir.resolve("theirs.pub");
        Openssl.run("pkey", "-in", key.toString(), "-passin", "pass:" + new String(PASSWORD), "-pubout", "-out", pub.toString());
        String pubBase64 = Files.readString(pub).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey theirPublic = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pubBase64)));
        assertSignsFor(read, new KeyPair(theirPublic, read), "Ed25519");
    }

    @Test
    void weReadAnEcKeyOpensslEncrypted() throws Exception {
        Openssl.assumeAvailable();
        Path key = dir.resolve("theirs-ec.pem");
        Openssl.Result made = Openssl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256",
                "-pass", "pass:" + new String(PASSWORD), "-out", key.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        PrivateKey read = EncryptedKeyPem.read(Files.readString(key), PASSWORD, key.toString());
        assertThat(read.getAlgorithm()).isEqualTo("EC");
        assertThatThrownBy(() -> EncryptedKeyPem.read(Files.readString(key), "nope".toCharArray(), "theirs-ec.pem"))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("password is wrong");
    }

    @Test
    void anRsaKeyIsUnsupported() throws Exception {
        Openssl.assumeAvailable();
        Path key = dir.resolve("rsa.pem");
        Openssl.run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-aes256",
                "-pass", "pass:" + new String(PASSWORD), "-out", key.toString());
        assertThatThrownBy(() -> EncryptedKeyPem.read(Files.readString(key), PASSWORD, "rsa.pem"))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED))
                .hasMessageContaining("only Ed25519 and EC keys");
    }

    private static void assertSignsFor(PrivateKey key, KeyPair pair, String algorithm) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }
}
