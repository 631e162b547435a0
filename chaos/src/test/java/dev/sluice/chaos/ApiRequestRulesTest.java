package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiRequestRulesTest {
    private ChaosProxyServer server;
    private RawApi raw;

    @BeforeEach
    void start() {
        server = ChaosProxyServer.start(ChaosConfig.ephemeral());
        raw = new RawApi(server.url());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void browsersAreRefusedWith403() throws IOException {
        RawApi.Answer answer = raw.send("GET", "/proxies", null, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");

        assertThat(answer).isEqualTo(new RawApi.Answer(403, RawApi.error(403, "User agent not allowed")));
    }

    @Test
    void keysMatchCaseInsensitivelyAndUnknownKeysAreIgnored() throws IOException {
        RawApi.Answer answer = raw.send("POST", "/proxies",
                "{\"NAME\":\"db\",\"Upstream\":\"127.0.0.1:1\",\"Listen\":\"127.0.0.1:0\",\"colour\":\"blue\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).contains("\"name\":\"db\"", "\"upstream\":\"127.0.0.1:1\"");
    }

    @Test
    void aWrongTypeIs400BadRequestBody() throws IOException {
        assertThat(raw.send("POST", "/proxies", "{\"name\":\"db\",\"upstream\":\"127.0.0.1:1\",\"enabled\":\"yes\"}"))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "bad request body: enabled must be a boolean")));
        assertThat(raw.send("POST", "/proxies", "{\"name\":\"db\"").status()).isEqualTo(400);
        assertThat(raw.send("POST", "/proxies", "{\"name\":\"db\"").body()).startsWith("{\"error\":\"bad request body: ");
        assertThat(raw.send("POST", "/proxies", "[1]"))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "bad request body: proxy must be a JSON object")));
    }

    @Test
    void anOversizedBodyGetsATyped413() throws IOException {
        String huge = "{\"name\":\"" + "x".repeat(ChaosConfig.DEFAULT_MAX_REQUEST_BODY_BYTES) + "\"}";

        RawApi.Answer answer = raw.send("POST", "/proxies", huge);

        assertThat(answer).isEqualTo(new RawApi.Answer(413,
                RawApi.error(413, "request body larger than " + ChaosConfig.DEFAULT_MAX_REQUEST_BODY_BYTES + " bytes")));
    }

    @Test
    void aJsonBodyLabelledAsAFormIsReadAsJson() throws IOException {
        RawApi.Answer answer = raw.send("POST", "/proxies", "{\"name\":\"db\",\"upstream\":\"127.0.0.1:1\"}",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void unknownPathsAndMethodsGetTypedErrors() throws IOException {
        assertThat(raw.send("GET", "/nowhere", null))
                .isEqualTo(new RawApi.Answer(404, RawApi.error(404, "no such endpoint: /nowhere")));
        assertThat(raw.send("PUT", "/proxies", "{}"))
                .isEqualTo(new RawApi.Answer(405, RawApi.error(405, "method not allowed")));
    }

    @Test
    void aProxyCanBeCreatedWithItsToxicsInOneRequest() throws IOException {
        RawApi.Answer answer = raw.send("POST", "/proxies", "{\"name\":\"db\",\"upstream\":\"127.0.0.1:1\","
                + "\"toxics\":[{\"type\":\"latency\",\"attributes\":{\"latency\":50}},"
                + "{\"type\":\"timeout\",\"stream\":\"upstream\"}]}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(server.client().getProxy("db").toxics().getAll()).hasSize(2);
        assertThat(raw.send("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"127.0.0.1:1\","
                + "\"toxics\":[{\"type\":\"bogus\"}]}"))
                .isEqualTo(new RawApi.Answer(400, RawApi.error(400, "invalid toxic type")));
        assertThat(server.client().getProxyOrNull("x")).isNull();
    }
}
