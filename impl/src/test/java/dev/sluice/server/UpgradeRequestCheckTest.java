package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6455 §4.2.1 and Sluice's own rules, one broken request at a time: each gets its status and reason. */
class UpgradeRequestCheckTest {
    private static final UpgradeRequestCheck CHECK = new UpgradeRequestCheck("/sluice",
            OriginPolicy.allowing(List.of("https://app.example.com")));

    private static FullHttpRequest request(HttpMethod method, HttpVersion version, String uri,
            Consumer<io.netty.handler.codec.http.HttpHeaders> change) {
        FullHttpRequest request = new DefaultFullHttpRequest(version, method, uri);
        request.headers()
                .set("Host", "127.0.0.1:4433")
                .set("Upgrade", "websocket")
                .set("Connection", "keep-alive, Upgrade")
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .set("Sec-WebSocket-Version", "13")
                .set("Sec-WebSocket-Protocol", "chat, sluice.v1");
        change.accept(request.headers());
        return request;
    }

    private static FullHttpRequest request(Consumer<io.netty.handler.codec.http.HttpHeaders> change) {
        return request(HttpMethod.GET, HttpVersion.HTTP_1_1, "/sluice?x=1", change);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("plain HTTP", request(h -> h.remove("Upgrade").remove("Connection")), 426,
                        "this port speaks WebSocket only"),
                Arguments.of("no version", request(h -> h.remove("Sec-WebSocket-Version")), 426,
                        "no Sec-WebSocket-Version; only version 13 (RFC 6455) is spoken"),
                Arguments.of("version 8", request(h -> h.set("Sec-WebSocket-Version", "8")), 426,
                        "Sec-WebSocket-Version 8; only version 13"),
                Arguments.of("two versions", request(h -> h.add("Sec-WebSocket-Version", "8")), 426,
                        "Sec-WebSocket-Version 13, 8"),
                Arguments.of("Hixie-75 shape", request(h -> h.remove("Sec-WebSocket-Version").remove("Sec-WebSocket-Key")
                        .set("Origin", "https://app.example.com")), 426, "no Sec-WebSocket-Version"),
                Arguments.of("key not base64", request(h -> h.set("Sec-WebSocket-Key", "not*base64*at*all*!!!!!=")), 400,
                        "the Sec-WebSocket-Key is not base64"),
                Arguments.of("key of 15 bytes", request(h -> h.set("Sec-WebSocket-Key", "MTIzNDU2Nzg5MDEyMzQ1")), 400,
                        "decodes to 15 bytes, not 16"),
                Arguments.of("key without padding", request(h -> h.set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ")), 400,
                        "not padded base64 (24 characters)"),
                Arguments.of("empty key", request(h -> h.set("Sec-WebSocket-Key", "")), 400, "the Sec-WebSocket-Key is empty"),
                Arguments.of("two keys", request(h -> h.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")), 400,
                        "2 Sec-WebSocket-Key headers"),
                Arguments.of("no Host", request(h -> h.remove("Host")), 400, "no Host header"),
                Arguments.of("empty Host", request(h -> h.set("Host", "")), 400, "exactly one non-empty Host"),
                Arguments.of("HTTP/1.0", request(HttpMethod.GET, HttpVersion.HTTP_1_0, "/sluice", h -> { }), 400,
                        "needs HTTP/1.1 or later, not HTTP/1.0"),
                Arguments.of("POST", request(HttpMethod.POST, HttpVersion.HTTP_1_1, "/sluice", h -> { }), 400,
                        "must be a GET, not POST"),
                Arguments.of("other path", request(HttpMethod.GET, HttpVersion.HTTP_1_1, "/other", h -> { }), 404,
                        "no WebSocket endpoint at /other"),
                Arguments.of("origin not listed", request(h -> h.set("Origin", "https://evil.example")), 403,
                        "origin https://evil.example is not allowed"),
                Arguments.of("no sluice.v1", request(h -> h.set("Sec-WebSocket-Protocol", "chat")), 400,
                        "must offer the WebSocket subprotocol sluice.v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void eachBrokenRequestGetsItsStatusAndExplanation(String name, FullHttpRequest request, int status, String explanation) {
        try {
            assertThat(CHECK.check(request)).hasValueSatisfying(refusal -> {
                assertThat(refusal.status().code()).isEqualTo(status);
                assertThat(refusal.explanation()).contains(explanation);
                if (status == 426 && !name.equals("plain HTTP")) {
                    assertThat(refusal.headers()).containsSequence("Sec-WebSocket-Version", "13");
                }
            });
        } finally {
            request.release();
        }
    }

    @Test
    void aProperUpgradeWithOrWithoutAListedOriginPasses() {
        FullHttpRequest plain = request(h -> { });
        FullHttpRequest browser = request(h -> h.set("Origin", "https://APP.example.com"));
        try {
            assertThat(CHECK.check(plain)).isEmpty();
            assertThat(CHECK.check(browser)).isEmpty();
        } finally {
            plain.release();
            browser.release();
        }
    }
}
