package dev.sluice.harness.gate;

import java.nio.file.Path;
import java.util.List;

/**
 * What the gate runs.
 *
 * @param quick only the quick set
 * @param seeds how many seeds each scenario runs with
 * @param baseSeed the seed every scenario seed derives from
 * @param output where results.json, junit.xml, report.html and node output go
 * @param only scenario names to restrict to (empty: all of the chosen set)
 * @param shard the slice of the scenario x seed matrix to run ({@link Shard#WHOLE}: all of it)
 */
public record GateOptions(boolean quick, int seeds, long baseSeed, Path output, List<String> only, Shard shard) {
    public static final int MAX_SEEDS = 100;

    public GateOptions {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds must be between 1 and " + MAX_SEEDS + ", got " + seeds);
        }
        only = List.copyOf(only);
        if (shard == null) {
            shard = Shard.WHOLE;
        }
    }

    public GateOptions(boolean quick, int seeds, long baseSeed, Path output, List<String> only) {
        this(quick, seeds, baseSeed, output, only, Shard.WHOLE);
    }
}
