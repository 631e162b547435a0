package dev.sluice.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.EchoHandler;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamSession;
import io.netty.util.ResourceLeakDetector;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's getting-started snippet is the code between the markers below, run here, so that it
 * can't rot: a server, a client, one stream echoing a message four times the stream's window.
 */
class GettingStartedTest {
    private static final String START = "// README: getting started";
    private static final String END = "// README: end";
    private static ResourceLeakDetector.Level leakLevel;

    /** The paranoid leak detector records every access while a megabyte is masked: minutes instead of a second. */
    @BeforeAll
    static void simpleLeakDetection() {
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(leakLevel);
    }

    @Test
    void theSnippetEchoesAMessageLargerThanTheWindow() throws Exception {
        // README: getting started
        NodeIdentity identity = NodeIdentity.generate();
        try (SluiceServer server = SluiceServer.start(ServerConfig.builder()
                .identity(identity).port(0).streamHandler(EchoHandler.INSTANCE).build());
             SluiceClient client = SluiceClient.create(ClientConfig.builder().streams().build())) {
            StreamSession session = client.connectStreams("127.0.0.1", server.port(), identity.nodeId());
            SluiceStream stream = session.openStream();
            byte[] message = new byte[1024 * 1024]; // four times the stream's window
            new Random(1).nextBytes(message);
            InputStream in = stream.inputStream(); // read while writing: the echo needs both
            CompletionStage<Void> sent = stream.write(ByteBuffer.wrap(message))
                    .thenCompose(written -> stream.closeWrite());
            byte[] echoed = in.readAllBytes();
            sent.toCompletableFuture().join();
            if (!Arrays.equals(message, echoed)) {
                throw new IllegalStateException("the echo differs from the message");
            }
            session.stopGracefully(Duration.ofSeconds(5)).toCompletableFuture().join();
        }
        // README: end
    }

    @Test
    void theReadmeShowsExactlyTheSnippetThatRuns() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/sluice/readme/GettingStartedTest.java"));
        String snippet = dedent(source.substring(source.indexOf(START + "\n") + START.length() + 1,
                source.indexOf("        " + END)));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8));
        assertThat(block.find()).as("README.md has a java block").isTrue();
        assertThat(block.group(1)).isEqualTo(snippet);
    }

    private static String dedent(String code) {
        return code.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
