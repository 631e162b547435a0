package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.UpgradeRejectedException;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** More clients than the server admits: clean 503 refusals, bounded heap, normal service afterwards. */
class ConnectionFloodTest {
    private static final int MAX_CONNECTIONS = 8;
    private static final int FLOOD = 200;
    private static final int FLOOD_BATCH = 20;
    private static final long HEAP_GROWTH_LIMIT = 64L << 20;

    private final SharedEventLoops loops = new SharedEventLoops();
    private final NodeIdentity identity = NodeIdentity.generate();
    private SluiceServer server;
    private SluiceClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stopNow();
        }
        loops.close();
    }

    @Test
    void refusalsBeyondTheMaximumAreClean503sAndServiceResumesAfterTheFlood() throws Exception {
        server = SluiceServer.start(Loopback.server(loops, identity, TlsProvider.AUTO, RecordingApplication.echo())
                .maxConnections(MAX_CONNECTIONS).build());
        RecordingApplication clientApp = RecordingApplication.recorder();
        client = Loopback.newClient(loops, TlsProvider.AUTO, clientApp);
        List<SluiceConnection> admitted = new ArrayList<>();
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            admitted.add(connect());
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long started = System.nanoTime();

        int refused = 0;
        for (int batch = 0; batch < FLOOD / FLOOD_BATCH; batch++) {
            List<CompletableFuture<SluiceConnection>> attempts = new ArrayList<>();
            for (int i = 0; i < FLOOD_BATCH; i++) {
                attempts.add(client.connect("127.0.0.1", server.port(), identity.nodeId()));
            }
            for (CompletableFuture<SluiceConnection> attempt : attempts) {
                try {
                    attempt.get(20, TimeUnit.SECONDS);
                    throw new AssertionError("a connection beyond the maximum was admitted");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(UpgradeRejectedException.class,
                            rejected -> assertThat(rejected.status()).isEqualTo(503));
                    refused++;
                }
            }
            assertThat(server.connectionCount()).isEqualTo(MAX_CONNECTIONS);
        }
        long floodMillis = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        System.out.println("flood: " + refused + " refused with 503 in " + floodMillis + " ms, heap growth "
                + (heapGrowth >> 10) + " KiB, " + server.connectionCount() + " admitted");
        assertThat(refused).isEqualTo(FLOOD);
        assertThat(heapGrowth).as("heap growth after the flood").isLessThan(HEAP_GROWTH_LIMIT);

        for (SluiceConnection connection : admitted) {
            RecordingApplication.Handler app = clientApp.nextHandler();
            byte[] message = {1, 2, 3};
            connection.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
            assertThat(app.awaitMessage()).isEqualTo(message);
        }
        admitted.get(0).close(1000, "making room").get(5, TimeUnit.SECONDS);
        SluiceConnection afterFlood = connectWhenAdmitted();
        RecordingApplication.Handler afterApp = clientApp.nextHandler();
        byte[] message = {9, 8, 7};
        afterFlood.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
        assertThat(afterApp.awaitMessage()).isEqualTo(message);
    }

    private SluiceConnection connect() throws Exception {
        return client.connect("127.0.0.1", server.port(), identity.nodeId()).get(10, TimeUnit.SECONDS);
    }

    /** The closed slot is freed when the server's channel closes, a moment after the client's. */
    private SluiceConnection connectWhenAdmitted() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return connect();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UpgradeRejectedException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
