package dev.sluice.harness.scenario;

/**
 * A workload, a fault schedule and expectations, written as one body against a
 * {@link ScenarioContext}. Every random choice comes from the context's seeded random.
 *
 * @param name how {@code ./sluice scenario NAME} calls it
 * @param description one sentence: the fault and what must hold
 * @param quick whether the quick gate runs it
 * @param body the steps
 */
public record Scenario(String name, String description, boolean quick, Body body) {
    @FunctionalInterface
    public interface Body {
        void run(ScenarioContext context) throws Exception;
    }
}
