package dev.sluice.bench.ab;

import dev.sluice.bench.control.Handicap;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.net.BenchTls;
import dev.sluice.bench.net.Transports;
import dev.sluice.bench.proc.JsonLines;
import dev.sluice.bench.suite.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compare}: an A/B run of two revisions on this machine, now. Builds the baseline (and a
 * candidate revision, if one is named; else the candidate is the build this runs from), runs
 * the scenarios against both interleaved, and judges every figure by its interval.
 * Exit 0: nothing regressed; 1: something regressed; 2: the run itself failed.
 */
@Command(name = "compare", description = {"A/B: build a baseline git revision, run it and the candidate "
        + "interleaved, judge each figure's candidate/baseline ratio by its 95%% interval.",
    "Writes comparison.json, comparison.md and comparison.html to --out. Exit 0 no regression, 1 regression, "
        + "2 the run failed.",
    "With " + Handicap.ENV + "=UNITS set, the candidate's Sluice echo does that much extra work per message "
        + "(the baseline never does): a slowdown of known size, to measure what the comparison detects."})
public final class CompareCommand implements Callable<Integer> {
    public static final int NO_REGRESSION = 0;
    public static final int REGRESSION = 1;
    public static final int RUN_FAILED = 2;
    static final String FAILED = "failed";
    /** A run with more failed load runs than this share is not judged. */
    private static final double MAX_FAILED_SHARE = 0.25;

    @Option(names = "--baseline", required = true, paramLabel = "REV", description = "git revision to compare against")
    String baseline;

    @Option(names = "--candidate", paramLabel = "REV",
            description = "git revision to judge (default: the build this runs from, i.e. the working tree)")
    String candidate;

    @Option(names = "--repo", defaultValue = ".", description = "the git repository (default: the working directory)")
    Path repo;

    @Option(names = "--quick", description = "Sluice only, 2 forks (fresh JVM pairs) per scenario, each warmed up "
            + "until its JIT is quiet, then 6 rounds of 0.5 s + 1.5 s per side: under 10 minutes on a busy 2-core machine")
    boolean quick;

    @Option(names = "--forks", description = "fresh JVM pairs per scenario (default 2); with 2 or more, a figure is "
            + "flagged only when every fork shows the change")
    Integer forks;

    @Option(names = "--rounds", description = "measured rounds per fork (default 6 quick, 10 full; at least "
            + AbPlan.MIN_ROUNDS + " over all forks)")
    Integer rounds;

    @Option(names = "--targets", split = ",", description = "sluice, wss, ws (default: sluice quick, sluice,wss full)")
    List<String> targets = new ArrayList<>();

    @Option(names = "--only", split = ",", description = "scenarios: echo64-closed, tput-64KiB, tput-1MiB, open-10k")
    Set<String> only = new LinkedHashSet<>();

    @Option(names = "--threshold", defaultValue = "5", paramLabel = "PERCENT",
            description = "smallest change called a regression or improvement (default ${DEFAULT-VALUE}%%)")
    double thresholdPercent;

    @Option(names = "--threshold-for", paramLabel = "METRIC_OR_ID=PERCENT",
            description = "per-metric threshold, e.g. p99Micros=20 or open-10k.sluice.p99Micros=20")
    Map<String, Double> thresholdFor = new LinkedHashMap<>();

    @Option(names = "--out", defaultValue = "bench-out/compare", description = "directory for the reports")
    Path out;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        String startedAt = Instant.now().toString();
        AbPlan plan;
        Thresholds thresholds;
        try {
            plan = plan();
            thresholds = Thresholds.of(thresholdPercent, thresholdFor).requireKnown(AbMetric.names());
        } catch (IllegalArgumentException e) {
            // exit 1 means "regression" to a gate: bad input is a run that could not happen
            System.err.println("compare: " + e.getMessage());
            return RUN_FAILED;
        }
        Files.createDirectories(out);
        List<String> notes = new ArrayList<>();
        Side base = null;
        Side cand = null;
        List<AbFigure> figures = List.of();
        Map<String, Double> loadAverages = new LinkedHashMap<>();
        loadAverages.put("start", AbRunner.loadAverage());
        Map<String, Object> warmUp = new LinkedHashMap<>();
        String outcome;
        try {
            Revisions revisions = new Revisions(repo, System.out);
            revisions.removeStaleWorktrees();
            Path benchClasses = Instrument.benchClasses(out.resolve("bench-classes.jar"));
            Map<String, String> handicap = handicapEnv(notes);
            String baseCommit = revisions.commitOf(baseline);
            base = Side.of(Side.BASELINE, baseline, baseCommit, benchClasses, revisions.jarFor(baseCommit),
                    Map.of(Handicap.ENV, ""));
            if (candidate != null) {
                String commit = revisions.commitOf(candidate);
                cand = Side.of(Side.CANDIDATE, candidate, commit, benchClasses, revisions.jarFor(commit), handicap);
            } else {
                Path running = Instrument.runningFrom();
                if (Files.isDirectory(running)) {
                    throw new IllegalStateException("without --candidate, run from the bench jar (sluice-bench.jar)");
                }
                String head = revisions.commitOf("HEAD");
                cand = Side.of(Side.CANDIDATE, "working tree",
                        revisions.workingTreeDirty() ? head + " + uncommitted changes" : head, benchClasses,
                        running, handicap);
            }
            System.out.printf("compare: baseline %s (%s), candidate %s (%s); %d forks x %d rounds; load average %.2f%n",
                    base.revision(), base.commit(), cand.revision(), cand.commit(), plan.forks(), plan.rounds(),
                    AbRunner.loadAverage());
            AbRunner runner = new AbRunner(plan, base, cand, out.resolve("logs"), System.out);
            try {
                runner.run();
            } finally {
                // a run that failed part-way still reports what it measured (marked failed below)
                notes.addAll(runner.notes());
                loadAverages.putAll(runner.loadAverages());
                warmUp.put("rounds", runner.warmUpRounds());
                warmUp.put("measuredJitMillis", runner.measuredJitMillis());
                figures = AbFigures.build(plan, runner.samples(), thresholds);
            }
            if (runner.failedRuns() > MAX_FAILED_SHARE * runner.runs()) {
                notes.add(runner.failedRuns() + " of " + runner.runs() + " load runs failed: the run is not judged");
                outcome = FAILED;
            } else {
                outcome = figures.stream().anyMatch(f -> f.verdictValue() == AbVerdict.REGRESSION)
                        ? "regression" : "no regression";
            }
        } catch (Exception e) {
            notes.add("the comparison failed: " + e.getMessage());
            System.err.println("compare: failed: " + e.getMessage());
            outcome = FAILED;
        }
        AbReport report = new AbReport(AbReport.SCHEMA, startedAt, Instant.now().toString(),
                (System.nanoTime() - started) / 1e9, base, cand, planSummary(plan, thresholds, warmUp), environment(),
                loadAverages, AbReport.METHOD, figures, notes, outcome);
        write(report);
        for (AbFigure f : figures) {
            if (f.verdictValue() == AbVerdict.REGRESSION) {
                System.out.printf(Locale.ROOT, "REGRESSION %s: %.3fx (95%% interval %.3fx - %.3fx, threshold %.0f%%)%n",
                        f.id(), f.ratio(), f.ciLow(), f.ciHigh(), f.threshold() * 100);
            }
        }
        System.out.println("compare: " + ComparisonMarkdown.headline(report) + "; wrote " + out.resolve("comparison.md")
                + " and .json, .html (wall time " + Math.round(report.wallSeconds()) + " s)");
        if (outcome.equals(FAILED)) {
            return RUN_FAILED;
        }
        return outcome.equals("regression") ? REGRESSION : NO_REGRESSION;
    }

    private AbPlan plan() {
        AbPlan plan = quick ? AbPlan.quickPlan() : AbPlan.fullPlan();
        if (forks != null) {
            plan = plan.withForks(forks);
        }
        if (rounds != null) {
            plan = plan.withRounds(rounds);
        }
        if (!targets.isEmpty()) {
            List<TargetKind> kinds = new ArrayList<>();
            for (String t : targets) {
                TargetKind kind = TargetKind.parse(t);
                if (kind == TargetKind.NODE || kind == TargetKind.NODE_WSS) {
                    throw new IllegalArgumentException("the Node targets do not change between revisions: "
                            + "compare sluice, wss or ws");
                }
                kinds.add(kind);
            }
            plan = plan.withTargets(kinds);
        }
        if (!only.isEmpty()) {
            List<Scenario> chosen = new ArrayList<>();
            for (Scenario s : plan.scenarios()) {
                if (only.contains(s.id())) {
                    chosen.add(s);
                }
            }
            if (chosen.size() != only.size()) {
                throw new IllegalArgumentException("unknown scenario in " + only + "; expected some of "
                        + plan.scenarios().stream().map(Scenario::id).toList());
            }
            plan = plan.withScenarios(chosen);
        }
        return plan;
    }

    /** The handicap from this environment goes to the candidate's processes only. */
    private static Map<String, String> handicapEnv(List<String> notes) {
        String units = System.getenv(Handicap.ENV);
        if (units == null || units.isBlank()) {
            return Map.of();
        }
        Handicap.fromEnvironment(); // fails early on a malformed value
        notes.add("handicap: the candidate's Sluice echo did " + units.trim() + " extra work units per message ("
                + Handicap.ENV + "); the baseline none");
        return Map.of(Handicap.ENV, units.trim());
    }

    private static Map<String, Object> planSummary(AbPlan plan, Thresholds thresholds, Map<String, Object> warmUp) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("quick", plan.quick());
        summary.put("forks", plan.forks());
        summary.put("rounds", plan.rounds());
        summary.put("warmUpRounds", plan.minWarmUpRounds() + " to " + plan.maxWarmUpRounds()
                + " per fork, until each side's JIT compiled at most " + plan.quietJitMillis() + " ms in a round");
        summary.put("warmUp", warmUp);
        summary.put("warmupMillis", plan.warmup().toMillis());
        summary.put("measureMillis", plan.measure().toMillis());
        summary.put("targets", plan.targets().stream().map(TargetKind::id).toList());
        summary.put("scenarios", plan.scenarios().stream().map(Scenario::id).toList());
        summary.put("threshold", thresholds.fallback());
        summary.put("thresholdOverrides", thresholds.overrides());
        return summary;
    }

    private static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("transport", Transports.current().name().toLowerCase(Locale.ROOT));
        env.put("tlsProvider", BenchTls.provider().name());
        return env;
    }

    private void write(AbReport report) throws java.io.IOException {
        JsonLines.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.resolve("comparison.json").toFile(), report);
        Files.writeString(out.resolve("comparison.md"), ComparisonMarkdown.render(report), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("comparison.html"), ComparisonHtml.render(report), StandardCharsets.UTF_8);
    }
}
