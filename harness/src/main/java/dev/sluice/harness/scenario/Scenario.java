package dev.sluice.harness.scenario;

/**
 * A workload, a fault schedule and expectations, written as one body against a
 * {@link ScenarioContext}. Every random choice comes from the context's seeded random.
 *
 * @param name how {@code ./sluice scenario NAME} calls it
 * @param description one sentence: the fault and what must hold
 * @param quick whether the quick gate runs it
 * @param network where the nodes run and how faults reach them
 * @param body the steps
 */
public record Scenario(String name, String description, boolean quick, Network network, Body body) {
    /** Where the nodes run. */
    public enum Network {
        /** Both on loopback, the client through a fault proxy (TCP-stream faults). */
        LOOPBACK_PROXY,
        /** Each in its own network namespace, joined by a veth pair (packet faults); needs root, ip and nft. */
        PACKET_NAMESPACES
    }

    public Scenario(String name, String description, boolean quick, Body body) {
        this(name, description, quick, Network.LOOPBACK_PROXY, body);
    }

    @FunctionalInterface
    public interface Body {
        void run(ScenarioContext context) throws Exception;
    }
}
