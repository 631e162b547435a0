package dev.sluice.server;

import dev.sluice.protocol.StreamProtocol;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The rules of RFC 6455 §4.2.1 (and Sluice's own: path, subprotocol, origin) that an upgrade
 * request must pass before any handshaker sees it. Pure: the request in, the refusal out.
 *
 * <p>Checked in this order, the first failure answers: not an upgrade at all (426, plain HTTP);
 * not a GET, HTTP below 1.1, no {@code Host} (400); a {@code Sec-WebSocket-Version} other than
 * exactly 13, or none (426 with {@code Sec-WebSocket-Version: 13}: older drafts, Hixie-75/76
 * included, are never spoken); a {@code Sec-WebSocket-Key} that is not the base64 of 16 bytes
 * (400); another path (404); an {@code Origin} not allowed (403); no {@code sluice.v1} offered (400).
 */
final class UpgradeRequestCheck {
    /** The only WebSocket version spoken: RFC 6455. */
    static final String WEBSOCKET_VERSION = "13";
    private static final int KEY_BYTES = 16;
    /** base64 of 16 bytes: 22 characters and "==". */
    private static final int KEY_CHARS = 24;

    /** Why a request is refused: the status, a one-line explanation, extra response headers. */
    record Refusal(HttpResponseStatus status, String explanation, List<String> headers) {
        static Refusal of(HttpResponseStatus status, String explanation, String... headers) {
            return new Refusal(status, explanation, List.of(headers));
        }
    }

    private final String path;
    private final OriginPolicy origins;

    UpgradeRequestCheck(String path, OriginPolicy origins) {
        this.path = path;
        this.origins = origins;
    }

    Optional<Refusal> check(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        }
        HttpHeaders headers = request.headers();
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return Optional.of(Refusal.of(HttpResponseStatus.UPGRADE_REQUIRED, "this port speaks WebSocket only (GET "
                    + path + ", subprotocol " + StreamProtocol.SUBPROTOCOL + ")", "Upgrade", "websocket"));
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade must be a GET, not " + request.method());
        }
        if (request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) < 0) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade needs HTTP/1.1 or later, not "
                    + request.protocolVersion());
        }
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() != 1 || hosts.get(0).isBlank()) {
            return refuse(HttpResponseStatus.BAD_REQUEST, hosts.isEmpty() ? "the upgrade request has no Host header"
                    : "the upgrade request needs exactly one non-empty Host header");
        }
        List<String> versions = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (versions.size() != 1 || !versions.get(0).trim().equals(WEBSOCKET_VERSION)) {
            return Optional.of(Refusal.of(HttpResponseStatus.UPGRADE_REQUIRED, (versions.isEmpty()
                    ? "no Sec-WebSocket-Version" : "Sec-WebSocket-Version " + String.join(", ", versions))
                    + "; only version " + WEBSOCKET_VERSION + " (RFC 6455) is spoken",
                    "Sec-WebSocket-Version", WEBSOCKET_VERSION, "Upgrade", "websocket"));
        }
        String keyProblem = keyProblem(headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY));
        if (keyProblem != null) {
            return refuse(HttpResponseStatus.BAD_REQUEST, keyProblem);
        }
        String requestedPath = new QueryStringDecoder(request.uri()).path();
        if (!requestedPath.equals(path)) {
            return refuse(HttpResponseStatus.NOT_FOUND, "no WebSocket endpoint at " + requestedPath + "; use " + path);
        }
        String originProblem = origins.problem(headers.getAll(HttpHeaderNames.ORIGIN));
        if (originProblem != null) {
            return refuse(HttpResponseStatus.FORBIDDEN, originProblem);
        }
        if (!offersSubprotocol(headers)) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "the client must offer the WebSocket subprotocol "
                    + StreamProtocol.SUBPROTOCOL);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(HttpResponseStatus status, String explanation) {
        return Optional.of(Refusal.of(status, explanation));
    }

    /** RFC 6455 §4.1: the key is one header whose value is the base64 of 16 random bytes. */
    static String keyProblem(List<String> keys) {
        if (keys.isEmpty()) {
            return "the upgrade request has no Sec-WebSocket-Key";
        }
        if (keys.size() > 1) {
            return "the upgrade request has " + keys.size() + " Sec-WebSocket-Key headers";
        }
        String key = keys.get(0).trim();
        if (key.isEmpty()) {
            return "the Sec-WebSocket-Key is empty";
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return "the Sec-WebSocket-Key is not base64";
        }
        if (decoded.length != KEY_BYTES) {
            return "the Sec-WebSocket-Key decodes to " + decoded.length + " bytes, not " + KEY_BYTES;
        }
        if (key.length() != KEY_CHARS) {
            return "the Sec-WebSocket-Key is not padded base64 (" + KEY_CHARS + " characters)";
        }
        return null;
    }

    private static boolean offersSubprotocol(HttpHeaders headers) {
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String offered : value.split(",")) {
                if (offered.trim().equals(StreamProtocol.SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }
}
