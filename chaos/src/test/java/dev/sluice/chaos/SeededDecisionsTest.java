package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.chaos.random.FaultDecision;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The same seed and the same sequence of connections replay every random choice. */
class SeededDecisionsTest {

    /** Runs a fixed scenario and returns its decisions grouped by where they were made. */
    private static Map<String, List<String>> run(long seed) throws IOException {
        List<FaultDecision> decisions = new CopyOnWriteArrayList<>();
        ChaosConfig config = ChaosConfig.builder().port(0).seed(seed).decisionListener(decisions::add).build();
        try (ProxyFixture fixture = new ProxyFixture(LoopbackServer.echo(), config)) {
            fixture.proxy.toxics().latency("jittery", ToxicDirection.DOWNSTREAM, 5).setJitter(5);
            fixture.proxy.toxics().get("jittery").setToxicity(0.5f);
            fixture.proxy.toxics().slicer("slices", ToxicDirection.UPSTREAM, 16, 8).setSizeVariation(8);
            fixture.proxy.toxics().resetPeer("maybe", ToxicDirection.UPSTREAM, 0).setToxicity(0f);
            for (int connection = 0; connection < 8; connection++) {
                try (TestClient client = fixture.connect()) {
                    for (int message = 0; message < 3; message++) {
                        client.send("message-" + message + "-of-connection-" + connection);
                        client.readExactly(("message-" + message + "-of-connection-" + connection).length());
                    }
                }
            }
        }
        Map<String, List<String>> byScope = new TreeMap<>();
        for (FaultDecision decision : decisions) {
            byScope.computeIfAbsent(decision.scope(), s -> new ArrayList<>()).add(decision.kind() + "=" + decision.value());
        }
        return byScope;
    }

    @Test
    void theSameSeedTwiceGivesIdenticalDecisions() throws IOException {
        Map<String, List<String>> first = run(42);
        Map<String, List<String>> second = run(42);

        assertThat(first).isNotEmpty();
        assertThat(first.keySet()).isEqualTo(second.keySet())
                .contains("test/1/downstream/jittery@1", "test/8/upstream/slices@1");
        // TCP may cut the same bytes into a different number of reads, so a scope can see more or
        // fewer chunks in one run; the k-th choice at a scope must still be the same.
        first.forEach((scope, choices) -> {
            List<String> other = second.get(scope);
            int common = Math.min(choices.size(), other.size());
            assertThat(choices.subList(0, common)).as(scope).isEqualTo(other.subList(0, common));
            assertThat(choices.get(0)).as(scope).startsWith("toxicity=");
        });
    }

    @Test
    void anotherSeedGivesOtherDecisions() throws IOException {
        assertThat(run(1)).isNotEqualTo(run(2));
    }
}
