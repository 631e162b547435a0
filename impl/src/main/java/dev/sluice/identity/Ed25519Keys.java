package dev.sluice.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Ed25519 helpers: key generation and the raw 32-byte public key a NodeId is made of. */
public final class Ed25519Keys {
    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate Ed25519 keys", e);
        }
    }

    /** True when {@code key} is an Ed25519 public key, whichever provider made it. */
    public static boolean isEd25519(PublicKey key) {
        try {
            return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm()
                    .equals(EdECObjectIdentifiers.id_Ed25519);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The raw 32 bytes of an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        if (!isEd25519(key)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
    }

    /** The NodeId an Ed25519 public key stands for. */
    public static NodeId nodeIdOf(PublicKey key) {
        return NodeId.ofPublicKey(rawPublicKey(key));
    }
}
