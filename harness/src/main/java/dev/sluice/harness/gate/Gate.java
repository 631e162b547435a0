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

/** Runs the scenario set, writes results.json, junit.xml and report.html, and says whether all passed. */
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

    /** Runs everything; returns the results (also written to the output directory). */
    public List<ScenarioResult> run() throws IOException {
        List<Scenario> scenarios = selected();
        Files.createDirectories(options.output());
        console.printf("gate: %d scenarios x %d seeds, base seed %d%s, output %s%n", scenarios.size(),
                options.seeds(), options.baseSeed(),
                settings.serverDefect() == null ? "" : ", server defect " + settings.serverDefect(),
                options.output().toAbsolutePath());
        List<ScenarioResult> results = new ArrayList<>();
        for (int round = 0; round < options.seeds(); round++) {
            Path roundDirectory = options.seeds() == 1 ? options.output() : options.output().resolve("seed-" + round);
            ScenarioRunner runner = new ScenarioRunner(settings.withOutputDirectory(roundDirectory), console);
            for (int i = 0; i < scenarios.size(); i++) {
                results.add(runner.run(scenarios.get(i), scenarioSeed(options.baseSeed(), round, i)));
            }
        }
        write(results);
        console.print(SummaryTable.render(results));
        console.println("report: " + options.output().resolve("report.html").toAbsolutePath());
        return results;
    }

    /** Runs the selected scenarios once each with exactly {@code seed} (reproducing a reported run). */
    public List<ScenarioResult> runWithSeed(long seed) throws IOException {
        Files.createDirectories(options.output());
        ScenarioRunner runner = new ScenarioRunner(settings.withOutputDirectory(options.output()), console);
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : selected()) {
            results.add(runner.run(scenario, seed));
        }
        write(results);
        console.print(SummaryTable.render(results));
        console.println("report: " + options.output().resolve("report.html").toAbsolutePath());
        return results;
    }

    private void write(List<ScenarioResult> results) throws IOException {
        ResultsJson.write(options.output().resolve("results.json"), options.baseSeed(), results);
        String suite = "sluice-gate" + (settings.serverDefect() == null ? "" : "-defect-" + settings.serverDefect());
        Files.writeString(options.output().resolve("junit.xml"), JunitXml.render(suite, results),
                StandardCharsets.UTF_8);
        Files.writeString(options.output().resolve("report.html"),
                HtmlReport.render("Sluice gate" + (settings.serverDefect() == null ? ""
                        : " (server defect " + settings.serverDefect() + ")"), options.baseSeed(), results),
                StandardCharsets.UTF_8);
    }

    public static boolean allPassed(List<ScenarioResult> results) {
        return !results.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
    }
}
