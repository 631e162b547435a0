package dev.sluice.tls;

import dev.sluice.identity.NodeId;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer exactly when its chain proves a NodeId ({@link ChainVerifier}), optionally a
 * particular one. Extends {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain
 * X509TrustManager with algorithm constraints that reject the Ed25519 root's signature. Host
 * names play no part; the NodeId is the identity.
 */
public final class NodeIdTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final Optional<NodeId> expected;
    private final Clock clock;

    /** @param expected the NodeId peers must prove; empty to accept any NodeId with a sound chain */
    public NodeIdTrustManager(Optional<NodeId> expected, Clock clock) {
        this.expected = expected;
        this.clock = clock;
    }

    private void verify(X509Certificate[] chain) throws CertificateException {
        ChainVerifier.verify(chain, expected, clock.instant());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
