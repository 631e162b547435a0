package dev.sluice.websocket;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * The strict RFC 6455 frame stages of a connection after the upgrade, server and client alike:
 *
 * <pre>
 *   ... TLS ... | sluice-frame-decoder | sluice-frame-encoder | sluice-message-assembler | (connection owner, application)
 * </pre>
 * <ul>
 *   <li>{@value #DECODER} ({@link StrictFrameDecoder}): every receiver rule of RFC 6455, limits
 *   checked before allocation, UTF-8 of text messages and close reasons validated as the bytes
 *   arrive. A violation fires a {@code ProtocolViolationException} carrying the close code
 *   (1002, 1007 or 1009) and reason; the connection owner above sends that one close frame.</li>
 *   <li>{@value #ENCODER}: Netty's frame encoder (the client masks).</li>
 *   <li>{@value #ASSEMBLER} ({@link MessageAssembler}): joins fragments into one text or binary
 *   frame; pings, pongs and close frames pass through, also between fragments.</li>
 * </ul>
 * Netty's own frame decoder and encoder, as a handshaker installs them, are replaced in place, so
 * that the frame stages sit where the handshaker put them.
 */
public final class StrictWebSocketStages {
    public static final String DECODER = "sluice-frame-decoder";
    public static final String ENCODER = "sluice-frame-encoder";
    public static final String ASSEMBLER = "sluice-message-assembler";

    private StrictWebSocketStages() {
    }

    /**
     * Puts the strict frame stages into {@code pipeline}: replaces a frame decoder and encoder
     * that a Netty handshaker added (or appends them), then appends the message assembler. Call
     * on the channel's event loop, in the task that completes the upgrade, so that no frame byte
     * is decoded by anything else. Calling it again changes nothing.
     *
     * @param isServer true on the server side (frames from the peer must be masked, ours are not)
     */
    public static void install(ChannelPipeline pipeline, WebSocketLimits limits, boolean isServer) {
        if (pipeline.get(DECODER) != null) {
            return;
        }
        placeCodec(pipeline, WebSocketFrameDecoder.class, DECODER, new StrictFrameDecoder(isServer, limits));
        placeCodec(pipeline, WebSocketFrameEncoder.class, ENCODER, new WebSocket08FrameEncoder(!isServer));
        pipeline.addLast(ASSEMBLER, new MessageAssembler());
    }

    private static void placeCodec(ChannelPipeline pipeline, Class<? extends ChannelHandler> nettyType, String name,
            ChannelHandler strict) {
        ChannelHandlerContext existing = pipeline.context(nettyType);
        if (existing != null) {
            pipeline.replace(existing.name(), name, strict);
        } else {
            pipeline.addLast(name, strict);
        }
    }
}
