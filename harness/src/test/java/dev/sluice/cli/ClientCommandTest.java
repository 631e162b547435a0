package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.harness.node.NodeEvent;
import dev.sluice.harness.node.NodeProcess;
import dev.sluice.harness.node.NodeSpec;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.EchoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client verb as a separate JVM against an echoing server on loopback TLS. */
class ClientCommandTest {
    private static final Duration RUN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private SluiceServer server;

    @BeforeEach
    void startEchoServer() throws Exception {
        server = SluiceServer.start(ServerConfig.builder().identity(NodeIdentity.generate()).port(0)
                .streamHandler(EchoHandler.INSTANCE)
                .build());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void echoesEveryStreamAndPrintsTheResultLine() throws Exception {
        try (NodeProcess client = client("client", server.nodeId().toString(), "--streams", "20", "--bytes",
                "200000", "--connections", "2", "--seed", "5")) {
            assertThat(client.awaitExit(RUN)).contains(0);
            NodeEvent result = client.awaitEvent("result", Duration.ZERO);
            assertThat(result.json().toString()).matches("\\{\"event\":\"result\",\"streams\":20,"
                    + "\"bytesSent\":4000000,\"bytesReceived\":4000000,\"digestsMatch\":true,\"errors\":0,"
                    + "\"seconds\":[0-9.]+}");
            assertThat(client.events()).filteredOn(e -> e.is("stream")).hasSize(20)
                    .allMatch(e -> "ok".equals(e.text("status")));
            assertThat(client.events()).filteredOn(e -> e.is("peer")).hasSize(2)
                    .allMatch(e -> server.nodeId().toString().equals(e.text("nodeId")));
        }
    }

    @Test
    void aWrongNodeIdExitsNonZeroNamingIt() throws Exception {
        String wrong = NodeIdentity.generate().nodeId().toString();
        try (NodeProcess client = client("wrong", wrong, "--streams", "2", "--bytes", "1000")) {
            assertThat(client.awaitExit(RUN)).hasValueSatisfying(code -> assertThat(code).isNotZero());
            String output = Files.readString(client.spec().stdoutFile()) + Files.readString(client.spec().stderrFile());
            assertThat(output).contains(wrong);
            assertThat(client.awaitEvent("result", Duration.ZERO).json().path("digestsMatch").asBoolean()).isFalse();
        }
    }

    @Test
    void badArgumentsGetAClearMessage() throws Exception {
        try (NodeProcess client = client("bad", "not-a-node-id", "--streams", "2")) {
            assertThat(client.awaitExit(RUN)).contains(2);
            assertThat(Files.readString(client.spec().stderrFile())).contains("sluice client:");
        }
    }

    private NodeProcess client(String name, String nodeId, String... extra) throws Exception {
        NodeSpec.Builder spec = NodeSpec.builder(name).outputDirectory(dir)
                .arguments("client", "--host", "127.0.0.1", "--port", Integer.toString(server.port()), "--node-id",
                        nodeId)
                .arguments(extra);
        return NodeProcess.start(spec.build());
    }
}
