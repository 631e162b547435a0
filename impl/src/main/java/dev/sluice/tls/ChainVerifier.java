package dev.sluice.tls;

import dev.sluice.identity.Ed25519Keys;
import dev.sluice.identity.NodeId;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks that a chain {@code [leaf, root]} proves a NodeId: the root is a self-signed Ed25519
 * certificate whose key is the NodeId, the root signed the leaf, and both are valid now. Structure
 * is checked first, then the NodeId (an impostor hears "wrong node" rather than "expired"), then dates.
 */
public final class ChainVerifier {
    private ChainVerifier() {
    }

    /**
     * @param expected the NodeId the chain must prove; empty to accept any node (a server taking clients)
     * @return the NodeId the chain proves
     */
    public static NodeId verify(X509Certificate[] chain, Optional<NodeId> expected, Instant now)
            throws CertificateVerificationException {
        if (chain == null || chain.length != 2) {
            throw new BrokenChainException("expected 2 certificates (leaf, root), got " + (chain == null ? 0 : chain.length));
        }
        X509Certificate leaf = chain[0];
        X509Certificate root = chain[1];
        if (!Ed25519Keys.isEd25519(root.getPublicKey())) {
            throw new BrokenChainException("the root certificate's key is " + root.getPublicKey().getAlgorithm()
                    + ", not Ed25519");
        }
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
            throw new BrokenChainException("the root certificate '" + root.getSubjectX500Principal().getName()
                    + "' is not self-signed (issuer '" + root.getIssuerX500Principal().getName() + "')");
        }
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new BrokenChainException("the root certificate's self-signature does not verify", e);
        }
        try {
            leaf.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new BrokenChainException("the leaf certificate '" + leaf.getSubjectX500Principal().getName()
                    + "' is not signed by the root", e);
        }
        NodeId presented = Ed25519Keys.nodeIdOf(root.getPublicKey());
        if (expected.isPresent() && !expected.get().equals(presented)) {
            throw new NodeIdMismatchException(expected.get(), presented);
        }
        CertificateValidityException.check("root", root, now);
        CertificateValidityException.check("leaf", leaf, now);
        return presented;
    }
}
