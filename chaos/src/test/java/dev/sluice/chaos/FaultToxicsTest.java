package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** timeout, reset_peer and limit_data against a loopback echo server. */
class FaultToxicsTest {
    private ProxyFixture fixture;

    @BeforeEach
    void start() throws IOException {
        fixture = ProxyFixture.echo();
    }

    @AfterEach
    void stop() throws IOException {
        fixture.close();
    }

    @Test
    void timeoutZeroIsABlackHoleAndItsRemovalClosesBothEnds() throws IOException {
        try (TestClient client = fixture.connectWarm()) {
            fixture.proxy.toxics().timeout("hole", ToxicDirection.UPSTREAM, 0);
            client.send("lost");
            assertThat(client.readToEnd(300)).isEqualTo(TestClient.Ending.STILL_OPEN);

            long start = System.nanoTime();
            fixture.proxy.toxics().get("hole").remove();

            assertThat(client.readToEnd(1_000)).isEqualTo(TestClient.Ending.EOF);
            assertThat(TestClient.millisSince(start)).isLessThan(1_000L);
        }
    }

    @Test
    void timeoutClosesTheConnectionAfterItsDelay() throws IOException {
        try (TestClient client = fixture.connectWarm()) {
            long start = System.nanoTime();
            fixture.proxy.toxics().timeout("hole", ToxicDirection.DOWNSTREAM, 200);
            client.send("lost");

            assertThat(client.readToEnd(2_000)).isEqualTo(TestClient.Ending.EOF);
            assertThat(TestClient.millisSince(start)).isBetween(190L, 400L);
        }
    }

    @Test
    void resetPeerResetsTheConnectionAfterItsTimeout() throws IOException {
        try (TestClient client = fixture.connectWarm()) {
            fixture.proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 100);
            long start = System.nanoTime();
            client.send("trigger");

            assertThat(client.readToEnd(2_000)).isEqualTo(TestClient.Ending.RESET);
            assertThat(TestClient.millisSince(start)).isBetween(0L, 210L + TestTiming.LOADED_MACHINE_SLACK_MILLIS);
        }
    }

    @Test
    void resetPeerWithToxicityZeroNeverResets() throws IOException {
        try (TestClient client = fixture.connectWarm()) {
            fixture.proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0).setToxicity(0f);
            client.send("safe");

            assertThat(new String(client.readExactly(4))).isEqualTo("safe");
        }
    }

    @Test
    void limitDataPassesSmallerWrites() throws IOException {
        fixture.proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100);
        try (TestClient client = fixture.connect()) {
            client.send(new byte[50]);
            assertThat(client.readExactly(50)).hasSize(50);
            assertThat(client.readToEnd(200)).isEqualTo(TestClient.Ending.STILL_OPEN);
        }
    }

    @Test
    void limitDataCutsALargerWriteAtTheLimitAndCloses() throws IOException {
        fixture.proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100);
        try (TestClient client = fixture.connect()) {
            client.send(new byte[150]);
            assertThat(client.input().readNBytes(1000)).hasSize(100);
            assertThat(client.readToEnd(1_000)).isEqualTo(TestClient.Ending.EOF);
        }
    }

    @Test
    void limitDataCountsAcrossWrites() throws IOException {
        fixture.proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100);
        try (TestClient client = fixture.connect()) {
            client.send(new byte[90]);
            assertThat(client.readExactly(90)).hasSize(90);
            client.send(new byte[20]);
            assertThat(client.input().readNBytes(1000)).hasSize(10);
        }
    }

    @Test
    void limitDataKeepsCountingWhenItsLimitIsRaisedOnALiveConnection() throws IOException {
        LimitData cap = fixture.proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100);
        try (TestClient client = fixture.connect()) {
            client.send(new byte[90]);
            assertThat(client.readExactly(90)).hasSize(90);

            cap.setBytes(120);
            client.send(new byte[50]);

            assertThat(client.input().readNBytes(1000)).hasSize(30);
        }
    }
}
