package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.SluiceClient;
import dev.sluice.client.ClientConfig;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeId;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamTestSupport;
import dev.sluice.stream.Streams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theServerPrintsTheListeningLineFirstThenConnectionEventsAndExitsZeroOnSigterm() throws Exception {
        try (CliProcess server = CliProcess.start(Map.of(), "server", "--host", "127.0.0.1", "--port", "0",
                "--keepalive-interval", "1000", "--keepalive-timeout", "5000")) {
            JsonNode listening = JSON.readTree(server.nextLine(30));
            assertThat(iterate(listening)).containsExactly("event", "host", "port", "nodeId", "tls");
            assertThat(listening.get("event").asText()).isEqualTo("listening");
            assertThat(listening.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(listening.get("tls").asText()).isIn("openssl", "jdk");
            int port = listening.get("port").asInt();
            NodeId nodeId = NodeId.parse(listening.get("nodeId").asText());

            try (SluiceClient client = SluiceClient.create(ClientConfig.builder().streams().build())) {
                SluiceConnection connection = client.connect("127.0.0.1", port, nodeId).get(10, TimeUnit.SECONDS);
                assertThat(JSON.readTree(server.nextLine(10)).get("event").asText()).isEqualTo("opened");
                SluiceStream stream = Streams.session(connection).openStream();
                CompletableFuture<byte[]> echoed = StreamTestSupport.readAll(stream);
                StreamTestSupport.writeAll(stream, new byte[] {4, 2}, 2).get(10, TimeUnit.SECONDS);
                assertThat(echoed.get(10, TimeUnit.SECONDS)).containsExactly(4, 2);
                connection.close(1000, "bye").get(10, TimeUnit.SECONDS);
            }
            JsonNode closed = JSON.readTree(server.nextLine(10));
            assertThat(closed.get("event").asText()).isEqualTo("closed");
            assertThat(closed.get("cause").asText()).isEqualTo("closed");
            assertThat(closed.get("code").asInt()).isEqualTo(1000);
            assertThat(closed.get("reason").asText()).isEqualTo("bye");
            try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port)) {
                plain.setSoTimeout(5000);
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(plain.getInputStream().readAllBytes()).asString().doesNotContain("HTTP/1.1");
            }

            long started = System.nanoTime();
            server.terminate();
            assertThat(server.awaitExit(10)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            String last = server.nextLine(5);
            assertThat(JSON.readTree(last).get("event").asText()).as(last).isEqualTo("stopped");
            assertThat(server.stderr()).as("plaintext, connections and stop log nothing above debug").isEmpty();
        }
    }

    @Test
    void keygenWritesAnIdentityTheServerThenServes() throws Exception {
        Map<String, String> env = Map.of(KeyPassword.DEFAULT_VARIABLE, "test-password");
        Path keys = dir.resolve("node");
        String nodeId;
        try (CliProcess keygen = CliProcess.start(env, "keygen", "--kdf-iterations", "2000", "--out", keys.toString())) {
            nodeId = keygen.nextLine(60);
            assertThat(keygen.awaitExit(60)).isZero();
        }
        NodeId.parse(nodeId);
        try (CliProcess server = CliProcess.start(env, "server", "--key", keys.toString())) {
            assertThat(JSON.readTree(server.nextLine(60)).get("nodeId").asText()).isEqualTo(nodeId);
            server.terminate();
            assertThat(server.awaitExit(10)).isZero();
        }
    }

    @Test
    void keygenWithoutThePasswordVariableSaysWhatToSet() throws Exception {
        try (CliProcess keygen = CliProcess.start(Map.of(), "keygen", "--out", dir.resolve("x").toString())) {
            assertThat(keygen.awaitExit(30)).isEqualTo(2);
            assertThat(keygen.stderr()).contains("set the environment variable SLUICE_KEY_PASSWORD");
        }
    }

    @Test
    void aServerWithAWrongPasswordSaysSoWithoutAStackTrace() throws Exception {
        Map<String, String> env = Map.of(KeyPassword.DEFAULT_VARIABLE, "right");
        Path keys = dir.resolve("node");
        try (CliProcess keygen = CliProcess.start(env, "keygen", "--kdf-iterations", "2000", "--out", keys.toString())) {
            assertThat(keygen.awaitExit(60)).isZero();
        }
        try (CliProcess server = CliProcess.start(Map.of(KeyPassword.DEFAULT_VARIABLE, "wrong"), "server", "--key",
                keys.toString())) {
            assertThat(server.awaitExit(30)).isEqualTo(2);
            assertThat(server.stderr()).contains("the password is wrong").doesNotContain("\tat ");
        }
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
