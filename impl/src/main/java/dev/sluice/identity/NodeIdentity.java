package dev.sluice.identity;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A node's identity and TLS credentials: the Ed25519 root key (its public key is the NodeId),
 * the self-signed root certificate, and a P-256 leaf key with its certificate signed by the root.
 * The leaf is what TLS uses; the chain {@code [leaf, root]} proves the NodeId to the peer.
 */
public final class NodeIdentity {
    private final KeyPair rootKeyPair;
    private final X509Certificate rootCertificate;
    private final PrivateKey leafKey;
    private final X509Certificate leafCertificate;
    private final NodeId nodeId;

    public NodeIdentity(KeyPair rootKeyPair, X509Certificate rootCertificate, PrivateKey leafKey,
            X509Certificate leafCertificate) {
        this.rootKeyPair = Objects.requireNonNull(rootKeyPair, "rootKeyPair");
        this.rootCertificate = Objects.requireNonNull(rootCertificate, "rootCertificate");
        this.leafKey = Objects.requireNonNull(leafKey, "leafKey");
        this.leafCertificate = Objects.requireNonNull(leafCertificate, "leafCertificate");
        this.nodeId = Ed25519Keys.nodeIdOf(rootKeyPair.getPublic());
        if (!Ed25519Keys.isEd25519(rootCertificate.getPublicKey())
                || !Ed25519Keys.nodeIdOf(rootCertificate.getPublicKey()).equals(nodeId)) {
            throw new IllegalArgumentException("the root certificate does not carry the root public key");
        }
    }

    /** A fresh identity valid from now for {@link Validity#DEFAULT_LIFETIME}. */
    public static NodeIdentity generate() {
        return generate(Validity.defaultFromNow());
    }

    /** A fresh identity whose root and leaf are both valid for {@code validity}. */
    public static NodeIdentity generate(Validity validity) {
        KeyPair root = Ed25519Keys.generate();
        X509Certificate rootCertificate = IdentityCertificates.selfSignedRoot(root, validity);
        return withNewLeaf(root, rootCertificate, validity);
    }

    /** The same node (same root, same NodeId) with a fresh leaf key and certificate, e.g. for rotation. */
    public NodeIdentity renewLeaf(Validity validity) {
        return withNewLeaf(rootKeyPair, rootCertificate, validity);
    }

    private static NodeIdentity withNewLeaf(KeyPair root, X509Certificate rootCertificate, Validity validity) {
        KeyPair leaf = IdentityCertificates.generateLeafKeyPair();
        X509Certificate leafCertificate = IdentityCertificates.leaf(leaf.getPublic(), rootCertificate,
                root.getPrivate(), validity);
        return new NodeIdentity(root, rootCertificate, leaf.getPrivate(), leafCertificate);
    }

    public NodeId nodeId() {
        return nodeId;
    }

    public KeyPair rootKeyPair() {
        return rootKeyPair;
    }

    public X509Certificate rootCertificate() {
        return rootCertificate;
    }

    public PrivateKey leafKey() {
        return leafKey;
    }

    public X509Certificate leafCertificate() {
        return leafCertificate;
    }

    /** The chain TLS presents: leaf first, then root. */
    public List<X509Certificate> chain() {
        return List.of(leafCertificate, rootCertificate);
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + nodeId + "]";
    }
}
