package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@code sluice proxy} as a child JVM, as a user or the harness would. */
class ProxyCommandTest {

    @Test
    void servesTheApiOnTheReportedPortUntilTerminated() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SluiceCli.class.getName(), "proxy", "--port", "0", "--seed", "7"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            JsonNode listening = new ObjectMapper().readTree(out.readLine());

            assertThat(listening.get("event").asText()).isEqualTo("listening");
            assertThat(listening.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(listening.get("seed").asLong()).isEqualTo(7);
            ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", listening.get("port").asInt());
            client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");
            assertThat(client.getProxies()).hasSize(1);

            child.destroy();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aBadPortIsAClearError() {
        assertThat(SluiceCli.run("proxy", "--port", "70000")).isEqualTo(2);
    }
}
