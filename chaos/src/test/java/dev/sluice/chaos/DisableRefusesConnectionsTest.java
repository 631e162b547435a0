package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A disable ({@code enabled:false}, DELETE, or a new listen address) answers only once the old
 * listening socket is really closed: a client connecting right after the answer is refused, never
 * accepted into a backlog that is reset later.
 */
class DisableRefusesConnectionsTest {
    private static final int ROUNDS = 50;

    @Test
    void connectingRightAfterEnabledFalseIsRefused() throws Exception {
        try (ProxyFixture fixture = ProxyFixture.echo()) {
            Proxy proxy = fixture.proxy;
            int port = port(proxy.getListen());
            for (int round = 0; round < ROUNDS; round++) {
                try (TestClient open = fixture.connectWarm()) {
                    proxy.disable();
                    assertRefused(port, "after enabled:false, round " + round);
                    assertThat(open.readToEnd(5_000)).isEqualTo(TestClient.Ending.EOF);
                }
                proxy.enable();
            }
        }
    }

    @Test
    void connectingRightAfterDeleteIsRefused() throws Exception {
        try (LoopbackServer upstream = LoopbackServer.echo();
             ChaosProxyServer server = ChaosProxyServer.start(ChaosConfig.ephemeral())) {
            ToxiproxyClient client = server.client();
            for (int round = 0; round < ROUNDS; round++) {
                Proxy proxy = client.createProxy("doomed", "127.0.0.1:0", upstream.address());
                try (TestClient open = warm(proxy.getListen())) {
                    proxy.delete();
                    assertRefused(port(proxy.getListen()), "after DELETE, round " + round);
                    assertThat(open.readToEnd(5_000)).isEqualTo(TestClient.Ending.EOF);
                }
            }
        }
    }

    @Test
    void connectingToTheOldAddressRightAfterAListenChangeIsRefused() throws Exception {
        try (ProxyFixture fixture = ProxyFixture.echo()) {
            RawApi raw = new RawApi(fixture.server.url());
            for (int round = 0; round < ROUNDS; round++) {
                String before = fixture.server.client().getProxy("test").getListen();
                try (TestClient open = warm(before)) {
                    RawApi.Answer answer = raw.send("POST", "/proxies/test", "{\"listen\":\"127.0.0.1:0\"}");
                    assertThat(answer.status()).isEqualTo(200);
                    assertRefused(port(before), "after a listen change, round " + round);
                    assertThat(open.readToEnd(5_000)).isEqualTo(TestClient.Ending.EOF);
                }
                String after = fixture.server.client().getProxy("test").getListen();
                assertThat(after).isNotEqualTo(before);
                warm(after).close();
            }
        }
    }

    /**
     * The race made certain: the accept loop runs the listener's close and then, in the same batch
     * of tasks, something slow. NIO closes the socket only at the loop's next select, so for that
     * long the kernel still completes handshakes; the disable must not answer before.
     */
    @Test
    void theAnswerWaitsForTheSocketEvenWhenTheAcceptLoopIsBusyRightAfterTheClose() throws Exception {
        try (LoopbackServer upstream = LoopbackServer.echo(); OwnedLoops loops = new OwnedLoops(Duration.ofSeconds(10))) {
            Proxy proxy = loops.client().createProxy("db", "127.0.0.1:0", upstream.address());
            int port = port(proxy.getListen());
            EventLoop acceptLoop = loops.acceptLoop();
            CountDownLatch connectTried = new CountDownLatch(1);
            CompletableFuture<RawApi.Answer> disabled;
            LoopBlocker held = LoopBlocker.block(acceptLoop, 30_000);
            try {
                disabled = CompletableFuture.supplyAsync(() -> send(loops.raw(), "{\"enabled\":false}"));
                Polling.await(() -> ((SingleThreadEventExecutor) acceptLoop).pendingTasks() > 0, 10_000,
                        "the listener's close queued on the accept loop");
                // Queued behind the close: keeps the loop from selecting until the client has tried
                // (or, when the disable rightly waits for the socket, for half a second).
                acceptLoop.execute(() -> {
                    try {
                        connectTried.await(500, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } finally {
                held.release();
            }
            RawApi.Answer answer = disabled.get(10, TimeUnit.SECONDS);
            try {
                assertThat(answer.status()).isEqualTo(200);
                assertRefused(port, "after enabled:false with a busy accept loop");
            } finally {
                connectTried.countDown();
            }
        }
    }

    private static RawApi.Answer send(RawApi raw, String body) {
        try {
            return raw.send("POST", "/proxies/db", body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TestClient warm(String listen) throws IOException {
        TestClient client = new TestClient(listen);
        client.send("w");
        client.readExactly(1);
        return client;
    }

    private static int port(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    private static void assertRefused(int port, String when) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            fail("connected to port " + port + " " + when);
        } catch (ConnectException expected) {
            assertThat(expected).hasMessageContaining("refused");
        }
    }
}
