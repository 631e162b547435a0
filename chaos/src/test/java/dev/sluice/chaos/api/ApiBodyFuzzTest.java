package dev.sluice.chaos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.chaos.proxy.ToxicSpec;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the JSON bodies the Toxiproxy API accepts (create proxy, populate,
 * create and update toxic), without binding sockets: whatever the body, parsing yields a request or
 * an {@link ApiException} with a 4xx status and a message, never another exception; and a toxic
 * that parses comes back identical from its own JSON view.
 */
class ApiBodyFuzzTest {

    @FuzzTest
    void anyBodyParsesOrIsRefusedWithAClientError(byte[] data) {
        JsonNode node;
        try {
            node = JsonBody.parse(new String(data, StandardCharsets.UTF_8));
        } catch (ApiException e) {
            assertRefusal(e);
            return;
        }
        try {
            ProxyRequest.parse(JsonBody.object(node, "proxy"), "");
        } catch (ApiException e) {
            assertRefusal(e);
        }
        try {
            JsonBody.array(node.isObject() && node.has("proxies") ? node.get("proxies") : node, "populate request")
                    .forEach(item -> {
                        try {
                            ProxyRequest.parse(item, " at proxy 0");
                        } catch (ApiException e) {
                            assertRefusal(e);
                        }
                    });
        } catch (ApiException e) {
            assertRefusal(e);
        }
        try {
            JsonBody body = JsonBody.object(node, "toxic");
            ToxicSpec toxic = ToxicRequests.parse(body);
            assertThat(ToxicRequests.parse(JsonBody.object(JsonViews.toxic(toxic), "toxic")))
                    .as("a toxic read back from its own JSON").isEqualTo(toxic);
            toxic.updated(ToxicRequests.toxicity(body, toxic.toxicity()), body.integers("attributes"));
        } catch (ApiException e) {
            assertRefusal(e);
        }
    }

    private static void assertRefusal(ApiException e) {
        assertThat(e.status()).as("status of '%s'", e.getMessage()).isBetween(400, 499);
        assertThat(e.getMessage()).isNotBlank();
    }
}
