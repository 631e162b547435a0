package dev.sluice.cli;

import dev.sluice.harness.gate.Gate;
import dev.sluice.harness.gate.GateOptions;
import dev.sluice.harness.scenario.Scenario;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.ScenarioSettings;
import dev.sluice.harness.scenario.Scenarios;
import dev.sluice.harness.scenario.SluiceNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./sluice scenario NAME [--seed S]}: one fault scenario, to reproduce it locally. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Runs one fault scenario and prints its seed, checks and report path.",
            "Without NAME, lists the scenarios."})
public final class ScenarioCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The scenario to run.")
    String name;

    @Option(names = "--seed", description = "The seed (default: random, printed); the same seed replays the same"
            + " faults and data.")
    Long seed;

    @Option(names = "--out", defaultValue = "gate-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--server-defect", description = "Arm a deliberate server defect (needs"
            + " SLUICE_ENABLE_DEFECTS=I_UNDERSTAND).")
    String serverDefect;

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            for (Scenario scenario : Scenarios.all()) {
                System.out.printf("%-20s %s%s%n", scenario.name(), scenario.quick() ? "[quick] " : "",
                        scenario.description());
            }
            return 0;
        }
        if (Scenarios.named(name).isEmpty()) {
            System.err.println("sluice scenario: no scenario named '" + name + "'; known: " + Scenarios.names());
            return 2;
        }
        if (serverDefect != null && !SluiceNodeFactory.DEFECTS_CONSENT.equals(System.getenv(
                SluiceNodeFactory.DEFECTS_ENV))) {
            System.err.println("sluice scenario: --server-defect needs " + SluiceNodeFactory.DEFECTS_ENV + "="
                    + SluiceNodeFactory.DEFECTS_CONSENT);
            return 2;
        }
        // The seed given is the scenario's own seed, so that the seed a report prints replays it.
        long scenarioSeed = seed != null ? seed : new SecureRandom().nextLong();
        ScenarioSettings settings = ScenarioSettings.defaults(out, new SluiceNodeFactory())
                .withServerDefect(serverDefect);
        Gate gate = new Gate(new GateOptions(false, 1, scenarioSeed, out, List.of(name)), settings, System.out);
        List<ScenarioResult> results = gate.runWithSeed(scenarioSeed);
        return Gate.allPassed(results) ? 0 : 1;
    }
}
