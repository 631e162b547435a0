package dev.sluice.identity;

import dev.sluice.identity.KeyFileException.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * Private keys as encrypted PKCS#8 PEM (a block labelled {@value #PEM_LABEL}), the form
 * {@code openssl pkey -passin} reads and {@code openssl genpkey -aes256} writes. Only Ed25519 and
 * EC keys are accepted; keys come back as JDK-provider objects so that both TLS providers can use them.
 */
public final class EncryptedKeyPem {
    /** The PEM label of an encrypted PKCS#8 private key (RFC 7468, section 11). */
    public static final String PEM_LABEL = "ENCRYPTED PRIVATE KEY";
    /** The first line of such a block. */
    public static final String PEM_FIRST_LINE = "-----BEGIN " + PEM_LABEL
            + "-----";

    /**
     * The most PBKDF2 iterations a key file may ask for: deriving its key costs a few seconds at
     * this count, and a hostile file could otherwise make every start take hours. (Bouncy Castle's
     * own cap is the same; checking first lets the error say what is wrong.)
     */
    public static final int MAX_READ_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedKeyPem() {
    }

    /** Encrypts {@code key} with {@code password} and returns the PEM text. */
    public static String write(PrivateKey key, char[] password, KeyEncryption encryption) {
        requirePassword(password);
        try {
            JceOpenSSLPKCS8EncryptorBuilder builder = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC);
            builder.setPRF(PKCS8Generator.PRF_HMACSHA256);
            builder.setIterationCount(encryption.iterations());
            builder.setRandom(RANDOM);
            builder.setProvider(BouncyCastle.PROVIDER);
            builder.setPassword(password);
            OutputEncryptor encryptor = builder.build();
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(new JcaPKCS8Generator(key, encryptor));
            }
            return out.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt a " + key.getAlgorithm() + " key", e);
        }
    }

    /**
     * Decrypts the PEM text. {@code source} names the file in error messages.
     *
     * @throws KeyFileException saying whether the text is malformed, unsupported, or the password
     *                          is wrong (or the ciphertext altered; CBC cannot tell those apart)
     */
    public static PrivateKey read(String pem, char[] password, String source) throws KeyFileException {
        requirePassword(password);
        Object parsed = parse(pem, source);
        if (parsed instanceof PrivateKeyInfo || parsed instanceof PEMKeyPair) {
            throw new KeyFileException(Problem.UNSUPPORTED, source
                    + " holds an unencrypted private key; Sluice reads only encrypted PKCS#8 keys");
        }
        if (!(parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
            throw new KeyFileException(Problem.MALFORMED, source + " holds no ENCRYPTED PRIVATE KEY block"
                    + (parsed == null ? "" : " (found " + parsed.getClass().getSimpleName() + ")"));
        }
        if (!encrypted.getEncryptionAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            throw new KeyFileException(Problem.UNSUPPORTED, source + " is encrypted with "
                    + encrypted.getEncryptionAlgorithm().getAlgorithm() + "; Sluice reads only PBES2 (PKCS#5 v2) keys");
        }
        checkIterations(encrypted, source);
        PrivateKeyInfo info = decrypt(encrypted, password, source);
        return toJdkKey(info, source);
    }

    private static Object parse(String pem, String source) throws KeyFileException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new KeyFileException(Problem.MALFORMED, source + " contains no PEM block");
            }
            return parsed;
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(Problem.MALFORMED, source + " is not a well-formed PEM key: " + e.getMessage(), e);
        }
    }

    private static void checkIterations(PKCS8EncryptedPrivateKeyInfo encrypted, String source) throws KeyFileException {
        BigInteger iterations;
        try {
            PBES2Parameters pbes2 = PBES2Parameters.getInstance(encrypted.getEncryptionAlgorithm().getParameters());
            if (!pbes2.getKeyDerivationFunc().getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
                return;
            }
            iterations = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters()).getIterationCount();
        } catch (RuntimeException e) {
            return; // damaged parameters: decryption reports them
        }
        if (iterations.compareTo(BigInteger.valueOf(MAX_READ_ITERATIONS)) > 0) {
            throw new KeyFileException(Problem.UNSUPPORTED, source + " asks for " + iterations
                    + " PBKDF2 iterations, beyond the " + MAX_READ_ITERATIONS + " Sluice accepts");
        }
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password, String source)
            throws KeyFileException {
        InputDecryptorProvider decryptor;
        try {
            decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password);
        } catch (OperatorCreationException e) {
            throw new KeyFileException(Problem.UNSUPPORTED, source + ": cannot set up decryption: " + e.getMessage(), e);
        }
        try {
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (PKCSException | RuntimeException e) {
            if (isUnsupportedCipher(e)) {
                throw new KeyFileException(Problem.UNSUPPORTED, source + " uses an encryption scheme Sluice cannot read: "
                        + e.getMessage(), e);
            }
            throw new KeyFileException(Problem.WRONG_PASSWORD_OR_TAMPERED, source
                    + " could not be decrypted: the password is wrong or the file was altered", e);
        }
    }

    private static boolean isUnsupportedCipher(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.NoSuchAlgorithmException || t instanceof OperatorCreationException) {
                return true;
            }
        }
        return false;
    }

    private static PrivateKey toJdkKey(PrivateKeyInfo info, String source) throws KeyFileException {
        String algorithm;
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            algorithm = "Ed25519";
        } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            algorithm = "EC";
        } else {
            throw new KeyFileException(Problem.UNSUPPORTED, source + " holds a key of type " + oid
                    + "; Sluice uses only Ed25519 and EC keys");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyFileException(Problem.MALFORMED, source + " holds a damaged " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a non-empty password is required to encrypt or decrypt a key");
        }
    }
}
