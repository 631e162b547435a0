package dev.sluice.tls;

/**
 * The peer's chain does not have the shape that proves a NodeId: exactly a leaf and a
 * self-signed Ed25519 root, the leaf signed by the root.
 */
public final class BrokenChainException extends CertificateVerificationException {
    public BrokenChainException(String problem) {
        super("the peer's certificate chain does not prove a NodeId: " + problem);
    }

    public BrokenChainException(String problem, Throwable cause) {
        super("the peer's certificate chain does not prove a NodeId: " + problem, cause);
    }
}
