package dev.sluice.harness.gate;

import dev.sluice.harness.report.ResultsJsonReader;
import dev.sluice.harness.report.SummaryTable;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.Timeline;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Merges the output directories of a run's shards into one: results.json, junit.xml and
 * report.html are rebuilt from the shards' results.json (the complete record), and each case's node
 * output is copied beside them. Shards of different runs (another base seed, seed count, defect
 * or scenario set, or another split) are refused; missing and duplicated cases are reported, a
 * missing one as a failed case so that no CI mistakes a lost shard for a pass.
 */
public final class GateMerge {
    /**
     * What the merge found.
     *
     * @param results every case of the matrix in run order, a missing one as a failure
     * @param missing cases no shard reported, with the shard that should have
     * @param duplicated cases or shards given more than once
     */
    public record Outcome(List<ScenarioResult> results, List<String> missing, List<String> duplicated) {
        public boolean complete() {
            return missing.isEmpty() && duplicated.isEmpty();
        }

        public boolean passed() {
            return complete() && Gate.allPassed(results);
        }
    }

    /** Shards that cannot be merged: different runs, unreadable output, nothing to merge. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private GateMerge() {
    }

    public static Outcome merge(Path output, List<Path> shardDirectories, PrintStream console)
            throws Refused, IOException {
        if (shardDirectories.isEmpty()) {
            throw new Refused("no shard directories to merge");
        }
        List<ResultsJsonReader.Contents> shards = new ArrayList<>();
        for (Path directory : shardDirectories) {
            if (directory.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new Refused("--out " + output + " is one of the shard directories; merge into a new one");
            }
            try {
                shards.add(ResultsJsonReader.read(directory.resolve("results.json")));
            } catch (IOException e) {
                throw new Refused(e.getMessage());
            }
        }
        GateRun reference = shards.get(0).run();
        for (int i = 1; i < shards.size(); i++) {
            sameRun(shardDirectories.get(0), reference, shards.get(0).digest(), shardDirectories.get(i),
                    shards.get(i).run(), shards.get(i).digest());
        }

        List<String> duplicated = new ArrayList<>();
        Map<Integer, Path> shardSeen = new TreeMap<>();
        Map<String, ScenarioResult> byCase = new LinkedHashMap<>();
        Map<String, Path> caseFrom = new LinkedHashMap<>();
        java.util.Set<String> inMatrix = new java.util.HashSet<>(reference.matrix().stream().map(GateCase::key).toList());
        Files.createDirectories(output);
        for (int i = 0; i < shards.size(); i++) {
            Path directory = shardDirectories.get(i);
            Shard shard = shards.get(i).run().shard();
            Path earlier = shardSeen.putIfAbsent(shard.index(), directory);
            if (earlier != null) {
                duplicated.add("shard " + shard + " given twice: " + earlier + " and " + directory);
            }
            for (CaseResult c : shards.get(i).results()) {
                String key = c.gateCase().key();
                if (!inMatrix.contains(key)) {
                    throw new Refused(directory + " holds case " + key + ", which is not in the run's matrix");
                }
                if (byCase.containsKey(key)) {
                    duplicated.add("case " + key + " reported by both " + caseFrom.get(key) + " and " + directory
                            + " (the first is kept)");
                    continue;
                }
                Path relative = relativeCaseDirectory(reference.seeds(), c.gateCase());
                copyTree(directory.resolve(relative), output.resolve(relative));
                ScenarioResult r = c.result();
                byCase.put(key, new ScenarioResult(r.name(), r.seed(), r.checks(), r.figures(), r.seconds(),
                        r.timeline(), output.resolve(relative), r.error(), r.skipped()));
                caseFrom.put(key, directory);
            }
        }

        List<String> missing = new ArrayList<>();
        List<CaseResult> merged = new ArrayList<>();
        for (GateCase gateCase : reference.matrix()) {
            ScenarioResult result = byCase.get(gateCase.key());
            if (result == null) {
                String shard = expectedShard(reference, gateCase);
                missing.add(gateCase.key() + " (seed " + gateCase.seed() + ", shard " + shard + ")");
                result = new ScenarioResult(gateCase.scenario(), gateCase.seed(), List.of(), Map.of(), 0,
                        new Timeline(0), output.resolve(relativeCaseDirectory(reference.seeds(), gateCase)),
                        "missing: no shard reported this case (it belongs to shard " + shard + ")", null);
            }
            merged.add(new CaseResult(gateCase, result));
        }
        GateRun whole = new GateRun(reference.baseSeed(), reference.seeds(), reference.serverDefect(),
                reference.matrix(), Shard.WHOLE);
        Gate.write(output, whole, merged, reference.serverDefect());
        List<ScenarioResult> results = merged.stream().map(CaseResult::result).toList();
        console.printf("gate merge: %d shard directories of a %d-way split, %d of %d cases%n", shards.size(),
                reference.shard().count(), byCase.size(), reference.matrix().size());
        console.print(SummaryTable.render(results));
        missing.forEach(m -> console.println("MISSING: " + m));
        duplicated.forEach(d -> console.println("DUPLICATED: " + d));
        console.println("report: " + output.resolve("report.html").toAbsolutePath());
        return new Outcome(results, missing, duplicated);
    }

    private static void sameRun(Path firstDirectory, GateRun first, String firstDigest, Path directory, GateRun other,
            String otherDigest) throws Refused {
        String prefix = directory + " is not a shard of the same run as " + firstDirectory + ": ";
        if (first.baseSeed() != other.baseSeed()) {
            throw new Refused(prefix + "base seed " + other.baseSeed() + " vs " + first.baseSeed());
        }
        if (first.seeds() != other.seeds()) {
            throw new Refused(prefix + "--seeds " + other.seeds() + " vs " + first.seeds());
        }
        if (!java.util.Objects.equals(first.serverDefect(), other.serverDefect())) {
            throw new Refused(prefix + "server defect " + other.serverDefect() + " vs " + first.serverDefect());
        }
        if (first.shard().count() != other.shard().count()) {
            throw new Refused(prefix + "split into " + other.shard().count() + " shards vs " + first.shard().count());
        }
        if (!first.matrix().equals(other.matrix()) || !firstDigest.equals(otherDigest)) {
            throw new Refused(prefix + "another scenario x seed matrix (" + other.matrix().size() + " cases vs "
                    + first.matrix().size() + "; was the scenario set, --quick or --only different?)");
        }
    }

    private static String expectedShard(GateRun run, GateCase gateCase) {
        for (int k = 1; k <= run.shard().count(); k++) {
            if (new Shard(k, run.shard().count()).select(run.matrix()).contains(gateCase)) {
                return k + "/" + run.shard().count();
            }
        }
        return "?";
    }

    static Path relativeCaseDirectory(int seeds, GateCase gateCase) {
        return Gate.caseParent(Path.of(""), seeds, gateCase.round()).resolve(gateCase.scenario());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
                }
            });
        }
    }
}
