package dev.sluice.harness.gate;

import dev.sluice.harness.scenario.ScenarioResult;

/**
 * A case of the matrix and how its run went.
 *
 * @param gateCase the scenario, round and seed
 * @param result the verdict, checks, figures and timeline
 */
public record CaseResult(GateCase gateCase, ScenarioResult result) {
}
