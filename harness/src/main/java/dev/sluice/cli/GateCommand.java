package dev.sluice.cli;

import dev.sluice.harness.gate.Gate;
import dev.sluice.harness.gate.GateOptions;
import dev.sluice.harness.gate.Shard;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.ScenarioSettings;
import dev.sluice.harness.scenario.SluiceNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./sluice gate}: every fault scenario, results as JSON, JUnit XML and an HTML report. */
@Command(name = "gate", mixinStandardHelpOptions = true, subcommands = GateMergeCommand.class,
        description = {"Runs the fault scenarios against the reference server and client (separate JVMs,",
            "through a fault proxy), writes results.json, junit.xml and report.html, and exits",
            "non-zero when any scenario fails. With --shard K/N it runs one slice of the scenario x seed",
            "matrix; 'sluice gate merge' joins the slices' reports."})
public final class GateCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Only the quick set (about five minutes on two cores).")
    boolean quick;

    @Option(names = "--seeds", defaultValue = "1", description = "Runs of each scenario, each with its own seed"
            + " (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", description = "Base seed every scenario seed derives from (default: random, printed).")
    Long seed;

    @Option(names = "--out", defaultValue = "gate-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", split = ",", description = "Run only these scenarios (comma-separated names).")
    List<String> only = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "K/N", description = "Run only shard K of N of the scenario x seed"
            + " matrix (every machine of a CI matrix gives the same --seed and its own K); merge the outputs with"
            + " 'sluice gate merge'.")
    String shard;

    @Option(names = "--server-defect", description = "Arm a deliberate server defect to prove the gate catches it;"
            + " needs SLUICE_ENABLE_DEFECTS=I_UNDERSTAND in the environment.")
    String serverDefect;

    @Override
    public Integer call() throws Exception {
        if (serverDefect != null && !SluiceNodeFactory.DEFECTS_CONSENT.equals(System.getenv(
                SluiceNodeFactory.DEFECTS_ENV))) {
            System.err.println("sluice gate: --server-defect " + serverDefect + " needs the environment variable "
                    + SluiceNodeFactory.DEFECTS_ENV + "=" + SluiceNodeFactory.DEFECTS_CONSENT
                    + " (defects break the server on purpose)");
            return 2;
        }
        long base = seed != null ? seed : new SecureRandom().nextLong();
        GateOptions options;
        try {
            options = new GateOptions(quick, seeds, base, out, only, shard == null ? Shard.WHOLE : Shard.parse(shard));
        } catch (IllegalArgumentException e) {
            System.err.println("sluice gate: " + e.getMessage());
            return 2;
        }
        ScenarioSettings settings = ScenarioSettings.defaults(out, new SluiceNodeFactory())
                .withServerDefect(serverDefect);
        Gate gate = new Gate(options, settings, System.out);
        try {
            gate.selected();
        } catch (IllegalArgumentException e) {
            System.err.println("sluice gate: " + e.getMessage());
            return 2;
        }
        if (shard != null && seed == null) {
            System.err.println("sluice gate: --shard without --seed: every shard must be given the same --seed, or"
                    + " the shards run different matrices");
            return 2;
        }
        List<ScenarioResult> results = gate.run();
        if (results.isEmpty() && options.shard().count() > 1) {
            System.out.println("gate: shard " + options.shard() + " has no cases (more shards than cases)");
            return 0;
        }
        if (!Gate.allPassed(results)) {
            results.stream().filter(ScenarioResult::failed).forEach(r -> System.out.println(
                    "FAILED: " + r.name() + " (seed " + r.seed() + "): " + r.firstFailure()));
            return 1;
        }
        return 0;
    }
}
