package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {
    @Test
    void theNodeIdIsTheRootPublicKey() {
        NodeIdentity identity = NodeIdentity.generate();
        assertThat(identity.nodeId()).isEqualTo(Ed25519Keys.nodeIdOf(identity.rootCertificate().getPublicKey()));
        assertThat(identity.nodeId().publicKey()).isEqualTo(Ed25519Keys.rawPublicKey(identity.rootKeyPair().getPublic()));
    }

    @Test
    void theRootIsASelfSignedEd25519CertificateAuthority() throws Exception {
        X509Certificate root = NodeIdentity.generate().rootCertificate();
        root.verify(root.getPublicKey());
        assertThat(root.getSigAlgName()).isEqualTo("Ed25519");
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
    }

    @Test
    void theLeafIsAP256KeySignedByTheRoot() throws Exception {
        NodeIdentity identity = NodeIdentity.generate();
        X509Certificate leaf = identity.leafCertificate();
        leaf.verify(identity.rootCertificate().getPublicKey());
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(identity.rootCertificate().getSubjectX500Principal());
        assertThat(identity.chain()).containsExactly(leaf, identity.rootCertificate());
    }

    @Test
    void validityIsConfigurable() {
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        NodeIdentity identity = NodeIdentity.generate(new Validity(from, from.plus(Duration.ofDays(2))));
        assertThat(identity.rootCertificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(identity.leafCertificate().getNotAfter().toInstant()).isEqualTo(from.plus(Duration.ofDays(2)));
    }

    @Test
    void aRenewedLeafKeepsTheNodeIdButChangesTheLeaf() throws Exception {
        NodeIdentity identity = NodeIdentity.generate();
        NodeIdentity renewed = identity.renewLeaf(Validity.defaultFromNow());
        assertThat(renewed.nodeId()).isEqualTo(identity.nodeId());
        assertThat(renewed.leafCertificate()).isNotEqualTo(identity.leafCertificate());
        renewed.leafCertificate().verify(identity.rootCertificate().getPublicKey());
    }
}
