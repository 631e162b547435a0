package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.chaos.random.FaultDecision;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Toxicity is a probability drawn per connection and direction when the toxic starts on the link. */
class ToxicityTest {
    private static final long LATENCY_MILLIS = 300;

    @Test
    void eachConnectionDrawsWhetherTheToxicApplies() throws IOException {
        List<FaultDecision> decisions = new CopyOnWriteArrayList<>();
        ChaosConfig config = ChaosConfig.builder().port(0).seed(11).decisionListener(decisions::add).build();
        try (ProxyFixture fixture = new ProxyFixture(LoopbackServer.echo(), config)) {
            fixture.proxy.toxics().latency("sometimes", ToxicDirection.DOWNSTREAM, LATENCY_MILLIS).setToxicity(0.5f);
            int slow = 0;
            int connections = 10;
            for (int i = 0; i < connections; i++) {
                try (TestClient client = fixture.connect()) {
                    long start = System.nanoTime();
                    client.send("ping");
                    client.readExactly(4);
                    if (TestClient.millisSince(start) >= LATENCY_MILLIS) {
                        slow++;
                    }
                }
            }

            long drawnToApply = decisions.stream()
                    .filter(d -> d.kind().equals("toxicity") && d.scope().contains("/downstream/sometimes@"))
                    .filter(d -> d.value() < 0.5)
                    .count();
            assertThat(slow).isEqualTo((int) drawnToApply).isBetween(1, connections - 1);
        }
    }

    @Test
    void toxicityZeroLeavesTrafficUntouched() throws IOException {
        try (ProxyFixture fixture = ProxyFixture.echo()) {
            fixture.proxy.toxics().latency("never", ToxicDirection.DOWNSTREAM, 5_000).setToxicity(0f);
            try (TestClient client = fixture.connect()) {
                long start = System.nanoTime();
                client.send("ping");
                client.readExactly(4);
                assertThat(TestClient.millisSince(start)).isLessThan(1_000L);
            }
        }
    }
}
