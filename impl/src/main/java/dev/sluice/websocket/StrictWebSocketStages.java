package dev.sluice.websocket;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
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
 *   <li>{@value #ENCODER} ({@link FrameEncoder}): the client's frames masked, the server's not; the
 *   stream layer's small frames get their header written in place ({@link HeadroomBinaryFrame}).</li>
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
     * Puts the strict frame stages into {@code pipeline}: in place of the frame decoder and encoder
     * a Netty handshaker added (or at the end when there are none), then the message assembler at
     * the end. Call on the channel's event loop, in the task that completes the upgrade, so that no
     * frame byte is decoded by anything else. Calling it again after a handshaker added its codec
     * moves the strict codec to the handshaker's place; otherwise a second call changes nothing.
     *
     * @param isServer true on the server side (frames from the peer must be masked, ours are not)
     */
    public static void install(ChannelPipeline pipeline, WebSocketLimits limits, boolean isServer) {
        ChannelHandlerContext nettyDecoder = foreign(pipeline, WebSocketFrameDecoder.class, DECODER);
        ChannelHandlerContext nettyEncoder = foreign(pipeline, WebSocketFrameEncoder.class, ENCODER);
        if (pipeline.get(DECODER) != null) {
            if (nettyDecoder == null && nettyEncoder == null) {
                return;
            }
            // installed before the handshaker added its codec: nothing decoded yet, start afresh there
            pipeline.remove(DECODER);
            pipeline.remove(ENCODER);
        }
        place(pipeline, nettyDecoder, DECODER, new StrictFrameDecoder(isServer, limits));
        place(pipeline, nettyEncoder, ENCODER, new FrameEncoder(!isServer));
        if (pipeline.get(ASSEMBLER) == null) {
            pipeline.addLast(ASSEMBLER, new MessageAssembler());
        }
    }

    /** The first handler of {@code type} not named {@code ownName}, or null. */
    private static ChannelHandlerContext foreign(ChannelPipeline pipeline, Class<?> type, String ownName) {
        for (String name : pipeline.names()) {
            ChannelHandlerContext ctx = pipeline.context(name);
            if (ctx != null && !name.equals(ownName) && type.isInstance(ctx.handler())) {
                return ctx;
            }
        }
        return null;
    }

    private static void place(ChannelPipeline pipeline, ChannelHandlerContext replaced, String name,
            ChannelHandler strict) {
        if (replaced != null) {
            pipeline.replace(replaced.name(), name, strict);
        } else if (pipeline.get(ASSEMBLER) != null) {
            pipeline.addBefore(ASSEMBLER, name, strict);
        } else {
            pipeline.addLast(name, strict);
        }
    }
}
