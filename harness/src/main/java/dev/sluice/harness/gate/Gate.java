package dev.sluice.harness.gate;

import dev.sluice.harness.report.HtmlReport;
import dev.sluice.harness.report.JunitXml;
import dev.sluice.harness.report.ResultsJson;
import dev.sluice.harness.report.SummaryTable;
import dev.sluice.harness.scenario.Scenario;
import dev.sluice.harness.scenario.ScenarioResult;
import dev.sluice.harness.scenario.ScenarioRunner;
import dev.sluice.harness.scenario.ScenarioSettings;
import dev.sluice.harness.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the scenario x seed matrix (or one shard of it), writes results.json, junit.xml and
 * report.html, and says whether all passed.
 */
public final class Gate {
    private final GateOptions options;
    private final ScenarioSettings settings;
    private final PrintStream console;

    public Gate(GateOptions options, ScenarioSettings settings, PrintStream console) {
        this.options = options;
        this.settings = settings;
        this.console = console;
    }

    /** The scenarios the options select, or an exception naming the unknown ones. */
    public List<Scenario> selected() {
        List<Scenario> set = options.quick() ? Scenarios.quick() : Scenarios.all();
        if (options.only().isEmpty()) {
            return set;
        }
        List<String> unknown = options.only().stream().filter(n -> Scenarios.named(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario(s) " + unknown + "; known: " + Scenarios.names());
        }
        return Scenarios.all().stream().filter(s -> options.only().contains(s.name())).toList();
    }

    /** Seed of the {@code round}-th run of scenario number {@code index}: a pure function of the base seed. */
    public static long scenarioSeed(long baseSeed, int round, int index) {
        return new SplittableRandom(baseSeed + 0x9E3779B97F4A7C15L * (round * 1000L + index + 1)).nextLong();
    }

    /** The whole run: every case of the matrix (all shards'), and the shard this gate runs. */
    public GateRun plan() {
        List<Scenario> scenarios = selected();
        List<GateCase> matrix = new ArrayList<>();
        for (int round = 0; round < options.seeds(); round++) {
            for (int i = 0; i < scenarios.size(); i++) {
                matrix.add(new GateCase(scenarios.get(i).name(), round, scenarioSeed(options.baseSeed(), round, i)));
            }
        }
        return new GateRun(options.baseSeed(), options.seeds(), settings.serverDefect(), matrix, options.shard());
    }

    /** Runs this shard's cases (all of them when unsharded); returns the results (also written out). */
    public List<ScenarioResult> run() throws IOException {
        GateRun run = plan();
        List<GateCase> cases = run.cases();
        Files.createDirectories(options.output());
        console.printf("gate: %d scenarios x %d seeds, base seed %d%s%s, output %s%n", selected().size(),
                options.seeds(), options.baseSeed(),
                run.shard().count() == 1 ? "" : ", shard " + run.shard() + ": " + cases.size() + " of "
                        + run.matrix().size() + " scenario runs",
                settings.serverDefect() == null ? "" : ", server defect " + settings.serverDefect(),
                options.output().toAbsolutePath());
        List<CaseResult> results = new ArrayList<>();
        for (GateCase gateCase : cases) {
            Path directory = caseParent(options.output(), options.seeds(), gateCase.round());
            ScenarioRunner runner = new ScenarioRunner(settings.withOutputDirectory(directory), console);
            results.add(new CaseResult(gateCase, runner.run(Scenarios.named(gateCase.scenario()).orElseThrow(),
                    gateCase.seed())));
        }
        return finish(run, results);
    }

    /** Runs the selected scenarios once each with exactly {@code seed} (reproducing a reported run). */
    public List<ScenarioResult> runWithSeed(long seed) throws IOException {
        Files.createDirectories(options.output());
        ScenarioRunner runner = new ScenarioRunner(settings.withOutputDirectory(options.output()), console);
        List<GateCase> matrix = selected().stream().map(s -> new GateCase(s.name(), 0, seed)).toList();
        List<CaseResult> results = new ArrayList<>();
        for (GateCase gateCase : matrix) {
            results.add(new CaseResult(gateCase, runner.run(Scenarios.named(gateCase.scenario()).orElseThrow(),
                    seed)));
        }
        return finish(new GateRun(seed, 1, settings.serverDefect(), matrix, Shard.WHOLE), results);
    }

    private List<ScenarioResult> finish(GateRun run, List<CaseResult> results) throws IOException {
        write(options.output(), run, results, settings.serverDefect());
        List<ScenarioResult> plain = results.stream().map(CaseResult::result).toList();
        console.print(SummaryTable.render(plain));
        console.println("report: " + options.output().resolve("report.html").toAbsolutePath());
        return plain;
    }

    /** Where a case's node output goes: {@code OUT/NAME}, or {@code OUT/seed-R/NAME} with several rounds. */
    static Path caseParent(Path output, int seeds, int round) {
        return seeds == 1 ? output : output.resolve("seed-" + round);
    }

    /** Writes the three reports of a run (or a merge of its shards) into {@code output}. */
    static void write(Path output, GateRun run, List<CaseResult> results, String serverDefect) throws IOException {
        List<ScenarioResult> plain = results.stream().map(CaseResult::result).toList();
        ResultsJson.write(output.resolve("results.json"), run, results);
        String suite = "sluice-gate" + (serverDefect == null ? "" : "-defect-" + serverDefect);
        Files.writeString(output.resolve("junit.xml"), JunitXml.render(suite, plain), StandardCharsets.UTF_8);
        String title = "Sluice gate" + (serverDefect == null ? "" : " (server defect " + serverDefect + ")")
                + (run.shard().count() == 1 ? "" : ", shard " + run.shard());
        Files.writeString(output.resolve("report.html"), HtmlReport.render(title, run.baseSeed(), plain),
                StandardCharsets.UTF_8);
    }

    /** True when something ran and nothing failed; skipped scenarios (reported with their reason) do not fail. */
    public static boolean allPassed(List<ScenarioResult> results) {
        return results.stream().anyMatch(ScenarioResult::passed) && results.stream().noneMatch(ScenarioResult::failed);
    }
}
