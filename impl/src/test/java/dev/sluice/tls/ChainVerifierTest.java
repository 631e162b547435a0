package dev.sluice.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.identity.IdentityCertificates;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.identity.Validity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final NodeIdentity NODE = NodeIdentity.generate();
    private static final NodeIdentity OTHER = NodeIdentity.generate();
    private static final Instant NOW = Instant.now();

    private static X509Certificate[] chain(X509Certificate... certificates) {
        return certificates;
    }

    @Test
    void aSoundChainProvesItsNodeId() throws Exception {
        assertThat(ChainVerifier.verify(chain(NODE.leafCertificate(), NODE.rootCertificate()), Optional.of(NODE.nodeId()), NOW))
                .isEqualTo(NODE.nodeId());
        assertThat(ChainVerifier.verify(chain(NODE.leafCertificate(), NODE.rootCertificate()), Optional.empty(), NOW))
                .isEqualTo(NODE.nodeId());
    }

    @Test
    void aChainOfTheWrongLengthIsBroken() {
        assertThatThrownBy(() -> ChainVerifier.verify(chain(NODE.leafCertificate()), Optional.empty(), NOW))
                .isInstanceOf(BrokenChainException.class).hasMessageContaining("expected 2 certificates (leaf, root), got 1");
        assertThatThrownBy(() -> ChainVerifier.verify(
                chain(NODE.leafCertificate(), NODE.rootCertificate(), NODE.rootCertificate()), Optional.empty(), NOW))
                .isInstanceOf(BrokenChainException.class).hasMessageContaining("got 3");
        assertThatThrownBy(() -> ChainVerifier.verify(null, Optional.empty(), NOW))
                .isInstanceOf(BrokenChainException.class).hasMessageContaining("got 0");
    }

    @Test
    void aRootThatIsNotEd25519IsBroken() {
        assertThatThrownBy(() -> ChainVerifier.verify(chain(NODE.leafCertificate(), NODE.leafCertificate()),
                Optional.empty(), NOW)).isInstanceOf(BrokenChainException.class).hasMessageContaining("not Ed25519");
    }

    @Test
    void aRootThatIsNotSelfSignedIsBroken() {
        X509Certificate notSelfSigned = IdentityCertificates.leaf(NODE.rootKeyPair().getPublic(), OTHER.rootCertificate(),
                OTHER.rootKeyPair().getPrivate(), Validity.defaultFromNow());
        assertThatThrownBy(() -> ChainVerifier.verify(chain(NODE.leafCertificate(), notSelfSigned), Optional.empty(), NOW))
                .isInstanceOf(BrokenChainException.class).hasMessageContaining("is not self-signed");
    }

    @Test
    void aLeafFromAnotherNodeIsBroken() {
        assertThatThrownBy(() -> ChainVerifier.verify(chain(OTHER.leafCertificate(), NODE.rootCertificate()),
                Optional.of(NODE.nodeId()), NOW))
                .isInstanceOf(BrokenChainException.class).hasMessageContaining("is not signed by the root");
    }

    @Test
    void anotherNodeIdIsAMismatchNamingBoth() {
        assertThatThrownBy(() -> ChainVerifier.verify(chain(OTHER.leafCertificate(), OTHER.rootCertificate()),
                Optional.of(NODE.nodeId()), NOW))
                .isInstanceOf(NodeIdMismatchException.class)
                .hasMessage("the peer is not the expected node: expected NodeId " + NODE.nodeId()
                        + " but its certificate chain proves " + OTHER.nodeId());
    }

    @Test
    void anExpiredLeafUnderAValidRootIsReportedAsTheLeaf() {
        NodeIdentity expiredLeaf = NODE.renewLeaf(new Validity(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1))));
        assertThatThrownBy(() -> ChainVerifier.verify(expiredLeaf.chain().toArray(X509Certificate[]::new),
                Optional.of(NODE.nodeId()), NOW))
                .isInstanceOfSatisfying(CertificateValidityException.class, e -> assertThat(e.expired()).isTrue())
                .hasMessageContaining("leaf certificate").hasMessageContaining("valid from");
    }

    @Test
    void validityIsCheckedAtTheGivenTime() {
        X509Certificate[] sound = chain(NODE.leafCertificate(), NODE.rootCertificate());
        assertThatThrownBy(() -> ChainVerifier.verify(sound, Optional.empty(), NOW.plus(Duration.ofDays(400))))
                .isInstanceOfSatisfying(CertificateValidityException.class, e -> assertThat(e.expired()).isTrue());
        assertThatThrownBy(() -> ChainVerifier.verify(sound, Optional.empty(), NOW.minus(Duration.ofDays(1))))
                .isInstanceOfSatisfying(CertificateValidityException.class, e -> assertThat(e.expired()).isFalse())
                .hasMessageContaining("not yet valid at");
    }

    @Test
    void findInUnwrapsNestedCauses() {
        NodeIdMismatchException inner = new NodeIdMismatchException(NODE.nodeId(), OTHER.nodeId());
        Exception wrapped = new RuntimeException(new javax.net.ssl.SSLHandshakeException("x") {
            {
                initCause(inner);
            }
        });
        assertThat(CertificateVerificationException.findIn(wrapped)).isSameAs(inner);
        assertThat(CertificateVerificationException.findIn(new RuntimeException("plain"))).isNull();
    }
}
