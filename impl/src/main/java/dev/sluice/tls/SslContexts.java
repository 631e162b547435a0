package dev.sluice.tls;

import dev.sluice.identity.NodeId;
import dev.sluice.identity.NodeIdentity;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Netty SSL contexts for Sluice: TLS 1.3 only (its cipher suites are all AEAD), the node's chain
 * {@code [leaf, root]} as credentials, {@link NodeIdTrustManager} instead of host names.
 */
public final class SslContexts {
    /** TLS 1.3 only: every TLS 1.3 suite is AEAD, and the handshake is one round trip shorter. */
    public static final String[] PROTOCOLS = {"TLSv1.3"};

    private SslContexts() {
    }

    public static SslContext forServer(NodeIdentity identity, TlsProvider provider, ClientAuthMode clientAuth, Clock clock) {
        SslContextBuilder builder = SslContextBuilder.forServer(identity.leafKey(), identity.leafCertificate(),
                        identity.rootCertificate())
                .sslProvider(provider.nettyProvider())
                .protocols(PROTOCOLS);
        if (clientAuth != ClientAuthMode.NONE) {
            builder.trustManager(new NodeIdTrustManager(Optional.empty(), clock))
                    .clientAuth(clientAuth == ClientAuthMode.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        return build(builder, "server");
    }

    /**
     * @param identity presented to servers that ask for a client certificate; empty for none
     * @param expected the NodeId the server must prove
     */
    public static SslContext forClient(Optional<NodeIdentity> identity, NodeId expected, TlsProvider provider, Clock clock) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider.nettyProvider())
                .protocols(PROTOCOLS)
                .trustManager(new NodeIdTrustManager(Optional.of(expected), clock))
                .endpointIdentificationAlgorithm(null);
        identity.ifPresent(id -> builder.keyManager(id.leafKey(), id.leafCertificate(), id.rootCertificate()));
        return build(builder, "client");
    }

    private static SslContext build(SslContextBuilder builder, String side) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS " + side + " context: " + e.getMessage(), e);
        }
    }
}
