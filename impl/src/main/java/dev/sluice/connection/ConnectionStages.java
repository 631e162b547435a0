package dev.sluice.connection;

import dev.sluice.identity.Ed25519Keys;
import dev.sluice.identity.NodeId;
import dev.sluice.websocket.StrictWebSocketStages;
import dev.sluice.websocket.WebSocketLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Installs the stages of an established connection, the same on server and client, once the
 * WebSocket upgrade has succeeded: the strict RFC 6455 frame stages (in place of the frame decoder
 * and encoder the handshaker added; they validate UTF-8, enforce the size limits and join
 * fragments), liveness (keep-alive and write stall), the connection owner, the application.
 */
public final class ConnectionStages {

    /** Keep-alive and write stall: {@link LivenessHandler}. */
    public static final String LIVENESS = "sluice-liveness";
    public static final String CONNECTION = "sluice-connection";

    private ConnectionStages() {
    }

    /** The frame decoder settings both sides use; {@code server} decides which mask to expect. */
    public static WebSocketDecoderConfig decoderConfig(ConnectionConfig config, boolean server) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxFrameSize())
                .expectMaskedFrames(server)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)
                .build();
    }

    /**
     * Adds the connection stages and the application handler at the end of {@code channel}'s
     * pipeline. Must run on the channel's event loop. When the factory throws, the pipeline is
     * left unchanged and the exception propagates.
     */
    public static SluiceConnection install(Channel channel, ConnectionConfig config, ConnectionInfo info,
            ApplicationHandlerFactory factory) {
        SluiceConnection connection = create(channel, info, factory, ConnectionObserver.NONE);
        install(connection, config);
        return connection;
    }

    /**
     * Creates the application handler and the connection without touching the pipeline, so that
     * a server can register the connection before the 101 response leaves. {@code observer} hears
     * when it ends.
     */
    public static SluiceConnection create(Channel channel, ConnectionInfo info, ApplicationHandlerFactory factory,
            ConnectionObserver observer) {
        ChannelHandler application = factory.create(info);
        if (application == null) {
            throw new IllegalStateException("the application handler factory returned null");
        }
        return new SluiceConnection(channel, info, application, observer);
    }

    /**
     * Adds the stages and the connection's application handler. A frame codec that a Netty
     * handshaker put in place is replaced by the strict one in place.
     */
    public static void install(SluiceConnection connection, ConnectionConfig config) {
        Channel channel = connection.channel();
        ChannelPipeline pipeline = channel.pipeline();
        // An accepted channel has its server channel as parent; a client's has none.
        StrictWebSocketStages.install(pipeline, limits(config), channel.parent() != null);
        // below the assembler, so that every fragment counts as life
        pipeline.addBefore(StrictWebSocketStages.ASSEMBLER, LIVENESS, new LivenessHandler(config));
        pipeline.addLast(CONNECTION, new WebSocketConnectionHandler(config, connection));
        pipeline.addLast(ApplicationHandlerFactory.HANDLER_NAME, connection.applicationHandler());
    }

    /** The frame and message limits of {@code config}, as the strict frame stages take them. */
    public static WebSocketLimits limits(ConnectionConfig config) {
        return config.webSocketLimits();
    }

    /** What the application may know about {@code channel}, read from its TLS session. */
    public static ConnectionInfo describe(Channel channel, String tlsProvider, String subprotocol) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        SSLSession session = ssl.engine().getSession();
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                peer.add((X509Certificate) certificate);
            }
        } catch (SSLPeerUnverifiedException e) {
            // the peer presented no certificate (a client without mutual TLS)
        }
        Optional<NodeId> nodeId = peer.size() == 2 && Ed25519Keys.isEd25519(peer.get(1).getPublicKey())
                ? Optional.of(Ed25519Keys.nodeIdOf(peer.get(1).getPublicKey()))
                : Optional.empty();
        return new ConnectionInfo((InetSocketAddress) channel.localAddress(), (InetSocketAddress) channel.remoteAddress(),
                peer, nodeId, tlsProvider, session.getProtocol(), subprotocol == null ? "" : subprotocol);
    }
}
