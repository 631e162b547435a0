package dev.sluice.tls;

import dev.sluice.identity.NodeId;

/** The peer's chain is sound but proves a different NodeId than the one expected. */
public final class NodeIdMismatchException extends CertificateVerificationException {
    private final NodeId expected;
    private final NodeId presented;

    public NodeIdMismatchException(NodeId expected, NodeId presented) {
        super("the peer is not the expected node: expected NodeId " + expected + " but its certificate chain proves "
                + presented);
        this.expected = expected;
        this.presented = presented;
    }

    public NodeId expected() {
        return expected;
    }

    public NodeId presented() {
        return presented;
    }
}
