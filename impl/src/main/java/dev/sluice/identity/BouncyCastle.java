package dev.sluice.identity;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance used for PEM encryption (AES/CBC/PKCS7Padding, PBKDF2 with
 * HMAC-SHA256). It is passed explicitly and never installed JVM-wide, so TLS keeps the JDK providers.
 */
final class BouncyCastle {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
