package dev.sluice.client;

import dev.sluice.protocol.StreamProtocol;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * The RFC 6455 client handshake, with the same frame decoder settings as the server side (in
 * particular: protocol violations are reported to the connection owner, which sends the one close frame).
 */
final class SluiceClientHandshaker extends WebSocketClientHandshaker13 {
    private final WebSocketDecoderConfig decoderConfig;

    SluiceClientHandshaker(URI uri, WebSocketDecoderConfig decoderConfig) {
        super(uri, WebSocketVersion.V13, StreamProtocol.SUBPROTOCOL, false, new DefaultHttpHeaders(),
                decoderConfig.maxFramePayloadLength(), true, false, -1);
        this.decoderConfig = decoderConfig;
    }

    /** Not a browser page: no Origin header, which a server's origin policy reserves for browsers. */
    @Override
    protected FullHttpRequest newHandshakeRequest() {
        FullHttpRequest request = super.newHandshakeRequest();
        request.headers().remove(HttpHeaderNames.ORIGIN);
        return request;
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new WebSocket13FrameDecoder(decoderConfig);
    }
}
