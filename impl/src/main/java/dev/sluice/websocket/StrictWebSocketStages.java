package dev.sluice.websocket;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * The WebSocket stages of a connection after the upgrade, for server and client alike. Add them
 * once the HTTP handlers are gone, then add the application handler last: it receives whole
 * {@code TextWebSocketFrame}s and {@code BinaryWebSocketFrame}s only, writes frames, and closes by
 * writing one {@code CloseWebSocketFrame}.
 *
 * <pre>
 *   ... TLS ... | ws-decoder | ws-encoder | ws-close | ws-ping | ws-aggregator | application
 * </pre>
 * <ul>
 *   <li>{@value #DECODER}: strict RFC 6455 frame decoding, incremental UTF-8 validation, limits
 *   ({@link StrictFrameDecoder}); a violation closes with 1002, 1007 or 1009;</li>
 *   <li>{@value #ENCODER}: Netty's frame encoder (the client masks);</li>
 *   <li>{@value #CLOSE}: the close handshake and the single {@code ConnectionTerminated} event
 *   ({@link CloseHandshakeHandler});</li>
 *   <li>{@value #PING}: pong for every ping ({@link PingResponder});</li>
 *   <li>{@value #AGGREGATOR}: joins fragments into one message.</li>
 * </ul>
 */
public final class StrictWebSocketStages {
    public static final String DECODER = "ws-decoder";
    public static final String ENCODER = "ws-encoder";
    public static final String CLOSE = "ws-close";
    public static final String PING = "ws-ping";
    public static final String AGGREGATOR = "ws-aggregator";

    private StrictWebSocketStages() {
    }

    /**
     * Appends the WebSocket stages to {@code pipeline}. Call on the channel's event loop, in the
     * same task that removes the HTTP handlers, so that no frame byte is read in between.
     *
     * @param isServer true on the server side (frames from the peer must be masked, ours are not)
     */
    public static void install(ChannelPipeline pipeline, WebSocketLimits limits, boolean isServer) {
        pipeline.addLast(DECODER, new StrictFrameDecoder(isServer, limits));
        pipeline.addLast(ENCODER, new WebSocket08FrameEncoder(!isServer));
        pipeline.addLast(CLOSE, new CloseHandshakeHandler(isServer, limits.closeTimeout()));
        pipeline.addLast(PING, new PingResponder());
        pipeline.addLast(AGGREGATOR, new WebSocketFrameAggregator(limits.maxMessageBytes()));
    }
}
