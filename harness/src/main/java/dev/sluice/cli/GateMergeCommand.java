package dev.sluice.cli;

import dev.sluice.harness.gate.GateMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./sluice gate merge --out DIR SHARD_DIR...}: one report from the shards of one gate run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merges the output directories of 'sluice gate --shard K/N' runs into one",
            "results.json, junit.xml and report.html, with each case's node output copied alongside.",
            "Refuses shards of different runs; reports missing and duplicated cases.",
            "Exit 0: complete and all green; 1: a case failed, is missing or duplicated;",
            "2: the shards cannot be merged."})
public final class GateMergeCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Directory for the merged reports.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "Output directories of the shards.")
    List<Path> shards;

    @Override
    public Integer call() throws Exception {
        GateMerge.Outcome outcome;
        try {
            outcome = GateMerge.merge(out, shards, System.out);
        } catch (GateMerge.Refused e) {
            System.err.println("sluice gate merge: " + e.getMessage());
            return 2;
        }
        return outcome.passed() ? 0 : 1;
    }
}
