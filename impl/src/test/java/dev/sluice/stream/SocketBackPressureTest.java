package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import io.netty.channel.Channel;
import io.netty.util.ResourceLeakDetector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Socket-level back-pressure over real TLS: a server whose reader is behind pauses socket reads
 * (its buffered-bytes limit is far below the credit it granted), so the client's socket fills and
 * its writer keeps no more than the write-buffer high watermark in the channel; everything still
 * arrives once the reader catches up. Simple leak detection: see {@link TlsStreamsTest}.
 */
class SocketBackPressureTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static final int TOTAL = 16 << 20;
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_FRAME = 16 * 1024;
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

    @Test
    void aReaderThatIsBehindPausesSocketReadsAndTheWriterStaysWithinTheHighWatermark() throws Exception {
        CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
        StreamConfig serverStreams = StreamConfig.builder().receiveWindow(32 << 20)
                .maxBufferedBytesPerConnection(256 * 1024).build();
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO, null)
                .streamHandler((s, info) -> accepted.complete(s), serverStreams).build());
        client = SluiceClient.create(Loopback.client(loops, TlsProvider.AUTO, null)
                .streams(StreamConfig.builder().maxDataFrameBytes(MAX_FRAME).build()).build());
        SluiceConnection connection = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
        SluiceStream stream = Streams.session(connection).openStream();

        byte[] data = StreamTestSupport.randomBytes(11, TOTAL);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int off = 0; off < TOTAL; off += CHUNK) {
            writes.add(stream.write(ByteBuffer.wrap(data, off, CHUNK)).toCompletableFuture());
        }
        SluiceStream onServer = accepted.get(10, TimeUnit.SECONDS);
        Channel serverChannel = server.connections().get(0).channel();
        Channel clientChannel = connection.channel();
        StreamTestSupport.await("the server pauses socket reads", 20_000, () -> !serverChannel.config().isAutoRead());
        StreamTestSupport.await("the client's channel is full", 20_000, () -> !clientChannel.isWritable());

        long pending = clientChannel.eventLoop().submit(
                () -> clientChannel.unsafe().outboundBuffer().totalPendingWriteBytes()).get(5, TimeUnit.SECONDS);
        int highWatermark = ConnectionConfig.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;
        assertThat(pending).as("bytes queued in the client's channel")
                .isLessThanOrEqualTo(highWatermark + 2L * (MAX_FRAME + 64));
        assertThat(writes.get(writes.size() - 1)).as("the last write waits").isNotDone();

        CompletableFuture<byte[]> received = StreamTestSupport.readAll(onServer);
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        stream.closeWrite();
        assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(serverChannel.config().isAutoRead()).as("reads resumed").isTrue();
    }
}
