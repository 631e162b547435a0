package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import io.netty.util.ResourceLeakDetector;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams over the real server and client: TLS loopback, WebSocket upgrade, the stream layer as
 * the application handler on both sides. Runs with the simple leak detector because the paranoid
 * one records a stack trace per 8 bytes masked, which makes megabytes take minutes.
 */
class TlsStreamsTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static final int STREAMS = 200;
    private static final int BYTES_PER_STREAM = 256 * 1024;
    private static SharedEventLoops loops;
    private static ResourceLeakDetector.Level previousLevel;

    private SluiceServer server;
    private SluiceClient client;

    @BeforeAll
    static void start() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        loops = new SharedEventLoops();
    }

    @AfterAll
    static void stop() {
        loops.close();
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stopNow();
        }
    }

    private StreamSession connect() throws Exception {
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO, null)
                .streamHandler(EchoHandler.INSTANCE).build());
        client = SluiceClient.create(Loopback.client(loops, TlsProvider.AUTO, null).streams().build());
        SluiceConnection connection = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
        return Streams.session(connection);
    }

    @Test
    void manyStreamsEchoOverTlsWithMatchingDigests() throws Exception {
        StreamSession session = connect();
        byte[] source = StreamTestSupport.randomBytes(7, BYTES_PER_STREAM + STREAMS);
        long start = System.nanoTime();
        List<CompletableFuture<byte[]>> echoed = new ArrayList<>();
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            SluiceStream s = session.openStream();
            DigestingReader reader = new DigestingReader();
            s.reads().subscribe(reader);
            echoed.add(reader.digest);
            written.add(StreamTestSupport.writeAll(s, java.util.Arrays.copyOfRange(source, i, i + BYTES_PER_STREAM),
                    32 * 1024));
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(echoed.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.printf("%d streams x %d bytes echoed over TLS in %d ms%n", STREAMS, BYTES_PER_STREAM,
                (System.nanoTime() - start) / 1_000_000);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < STREAMS; i++) {
            sha.update(source, i, BYTES_PER_STREAM);
            assertThat(echoed.get(i).get()).as("digest of stream %d", 2 * i + 1).isEqualTo(sha.digest());
        }
        StreamTestSupport.await("every stream closed", 10_000, () -> session.openStreamCount() == 0);
    }

    @Test
    void gracefulStopOfTheClientSessionClosesTheConnectionWith1000() throws Exception {
        StreamSession session = connect();
        SluiceStream s = session.openStream();
        CompletableFuture<byte[]> echoed = StreamTestSupport.readAll(s);
        StreamTestSupport.writeAll(s, new byte[] {1, 2, 3}, 3).get(10, TimeUnit.SECONDS);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
        ConnectionException end = session.stopGracefully(Duration.ofSeconds(5)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(end).isInstanceOfSatisfying(ConnectionClosedException.class, e -> assertThat(e.code()).isEqualTo(1000));
        StreamTestSupport.await("the server forgets the connection", 10_000, () -> server.connectionCount() == 0);
    }
}
