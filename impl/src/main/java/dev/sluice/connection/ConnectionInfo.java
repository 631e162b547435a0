package dev.sluice.connection;

import dev.sluice.identity.NodeId;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What the application may know about an established connection.
 *
 * @param localAddress      this side's address and port
 * @param remoteAddress     the peer's address and port
 * @param peerCertificates  the chain the peer presented, leaf first; empty when it presented none
 *                          (a client without mutual TLS)
 * @param peerNodeId        the NodeId the peer's chain proves, when it presented one
 * @param tlsProvider       {@code "openssl"} (BoringSSL through netty-tcnative) or {@code "jdk"}
 * @param tlsProtocol       the negotiated protocol, e.g. {@code "TLSv1.3"}
 * @param subprotocol       the negotiated WebSocket subprotocol, e.g. {@code "sluice.v1"}
 */
public record ConnectionInfo(
        InetSocketAddress localAddress,
        InetSocketAddress remoteAddress,
        List<X509Certificate> peerCertificates,
        Optional<NodeId> peerNodeId,
        String tlsProvider,
        String tlsProtocol,
        String subprotocol) {

    public ConnectionInfo {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
