package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tolerances from Toxiproxy's own tests: one direction within latency ± (jitter + 10 ms). Upper
 * bounds add {@link TestTiming#LOADED_MACHINE_SLACK_MILLIS} because a shared 2-core CI machine
 * wakes timers late under load; lower bounds stay exact, since a latency toxic must never be early.
 */
class LatencyToxicTest {
    private LoopbackServer echo;
    private ChaosProxyServer server;
    private Proxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = LoopbackServer.echo();
        server = ChaosProxyServer.start(ChaosConfig.ephemeral());
        proxy = server.client().createProxy("echo", "127.0.0.1:0", echo.address());
    }

    @AfterEach
    void stop() throws IOException {
        server.stop();
        echo.close();
    }

    private long roundTripMillis(TestClient client, String message) throws IOException {
        long start = System.nanoTime();
        client.send(message);
        assertThat(new String(client.readExactly(message.length()))).isEqualTo(message);
        return TestClient.millisSince(start);
    }

    @Test
    void delaysOneDirectionByTheLatency() throws IOException {
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        try (TestClient client = new TestClient(proxy.getListen())) {
            roundTripMillis(client, "warm");
            for (int i = 0; i < 3; i++) {
                assertThat(roundTripMillis(client, "ping" + i)).isBetween(90L, 110L + TestTiming.LOADED_MACHINE_SLACK_MILLIS);
            }
        }
    }

    @Test
    void jitterStaysWithinItsBounds() throws IOException {
        try (TestClient client = new TestClient(proxy.getListen())) {
            roundTripMillis(client, "warm");
            proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 100).setJitter(30);
            for (int i = 0; i < 5; i++) {
                assertThat(roundTripMillis(client, "ping" + i)).isBetween(60L, 140L + TestTiming.LOADED_MACHINE_SLACK_MILLIS);
            }
        }
    }

    @Test
    void stackedLatenciesAddUp() throws IOException {
        try (TestClient client = new TestClient(proxy.getListen())) {
            roundTripMillis(client, "warm");
            proxy.toxics().latency("first", ToxicDirection.DOWNSTREAM, 500);
            proxy.toxics().latency("second", ToxicDirection.DOWNSTREAM, 500);
            assertThat(roundTripMillis(client, "ping")).isBetween(990L, 1010L + TestTiming.LOADED_MACHINE_SLACK_MILLIS);
        }
    }

    @Test
    void appliesToALiveConnectionAndRemovalFlushesHeldData() throws IOException {
        try (TestClient client = new TestClient(proxy.getListen())) {
            assertThat(roundTripMillis(client, "before")).isLessThan(50L);
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 5_000);
            long start = System.nanoTime();
            client.send("held");
            proxy.toxics().get("slow").remove();
            assertThat(new String(client.readExactly(4))).isEqualTo("held");
            assertThat(TestClient.millisSince(start)).isLessThan(2_000L);
        }
    }

    @Test
    void anUpdateAppliesToLiveConnections() throws IOException {
        try (TestClient client = new TestClient(proxy.getListen())) {
            roundTripMillis(client, "warm");
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 10).setLatency(200);
            assertThat(roundTripMillis(client, "ping")).isBetween(190L, 210L + TestTiming.LOADED_MACHINE_SLACK_MILLIS);
        }
    }
}
