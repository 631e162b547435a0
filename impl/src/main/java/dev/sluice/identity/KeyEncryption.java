package dev.sluice.identity;

/**
 * How private keys are encrypted at rest: PKCS#8 with PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC,
 * the scheme {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes and every OpenSSL 1.1+ reads.
 *
 * @param iterations PBKDF2 iterations; {@link #DEFAULT_ITERATIONS} follows the OWASP 2023
 *                   recommendation for PBKDF2-HMAC-SHA256
 */
public record KeyEncryption(int iterations) {
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a key file is too cheap to brute-force to be worth calling encrypted. */
    public static final int MINIMUM_ITERATIONS = 1_000;

    public KeyEncryption {
        if (iterations < MINIMUM_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 needs at least " + MINIMUM_ITERATIONS + " iterations, got " + iterations);
        }
    }

    public static KeyEncryption strong() {
        return new KeyEncryption(DEFAULT_ITERATIONS);
    }
}
