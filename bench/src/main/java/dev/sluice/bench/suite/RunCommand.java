package dev.sluice.bench.suite;

import dev.sluice.bench.load.FileDescriptors;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.net.BenchTls;
import dev.sluice.bench.net.Transports;
import dev.sluice.bench.report.BenchReport;
import dev.sluice.bench.report.FigureBuilder;
import dev.sluice.bench.report.ReportFiles;
import dev.sluice.bench.report.TablePrinter;
import dev.sluice.bench.sluice.BackPressureCommand;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: measures every target against its control and writes the figures as JSON. */
@Command(name = "run", description = "Run the load suite against Sluice and the controls; write JSON, print a table.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "two short rounds and 1,000 idle connections (a few minutes)")
    boolean quick;

    @Option(names = "--out", defaultValue = "bench-out/bench.json", description = "JSON file to write")
    Path out;

    @Option(names = "--rounds", description = "rounds per scenario (overrides the plan)")
    Integer rounds;

    @Option(names = "--idle-connections", description = "idle connections to open per target (overrides the plan)")
    Integer idleConnections;

    @Option(names = "--only", split = ",", description = "run only these scenarios: echo64-closed, tput-64KiB, "
            + "tput-1MiB, open-10k, idle, backpressure, keepalive")
    Set<String> only = new LinkedHashSet<>();

    @Option(names = "--targets", split = ",", description = "start only these targets: sluice, wss, ws, node, node-wss")
    Set<String> targets = new LinkedHashSet<>();

    @Override
    public Integer call() throws Exception {
        Set<String> known = new LinkedHashSet<>(List.of("idle", "backpressure", "keepalive"));
        SuitePlan.quickPlan().scenarios().forEach(s -> known.add(s.id()));
        for (String id : only) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("unknown scenario '" + id + "'; expected one of " + known);
            }
        }
        Set<TargetKind> kinds = new LinkedHashSet<>();
        targets.forEach(t -> kinds.add(TargetKind.parse(t)));
        SuitePlan plan = quick ? SuitePlan.quickPlan() : SuitePlan.fullPlan();
        if (rounds != null || idleConnections != null) {
            plan = new SuitePlan(plan.quick(), rounds == null ? plan.rounds() : rounds, plan.warmup(), plan.measure(),
                    idleConnections == null ? plan.idleConnections() : idleConnections, plan.backPressureRun(),
                    plan.keepAliveTrials(), plan.scenarios());
        }
        if (only.isEmpty() || only.contains("idle")) {
            FileDescriptors.requireRoomFor(plan.idleConnections());
        }
        Path logDir = Path.of(out.toString().replaceFirst("\\.json$", "") + "-logs");
        Files.createDirectories(logDir);
        String started = Instant.now().toString();
        SuiteRunner runner = new SuiteRunner(plan, only, kinds, logDir, System.out);
        runner.run();
        BenchReport report = new BenchReport(BenchReport.SCHEMA, plan.quick(), started, Instant.now().toString(),
                environment(), planSummary(plan), runner.runs(), FigureBuilder.build(runner.runs()), runner.notes());
        ReportFiles.write(report, out);
        System.out.println();
        TablePrinter.print(report, System.out);
        System.out.println("\nwrote " + out + " (process logs in " + logDir + ")");
        return runner.backPressureViolated() ? BackPressureCommand.VIOLATION_EXIT : 0;
    }

    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("transport", Transports.current().name().toLowerCase(java.util.Locale.ROOT));
        env.put("tlsProvider", BenchTls.provider().name());
        return env;
    }

    private static Map<String, Object> planSummary(SuitePlan plan) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rounds", plan.rounds());
        summary.put("warmupMillis", plan.warmup().toMillis());
        summary.put("measureMillis", plan.measure().toMillis());
        summary.put("idleConnections", plan.idleConnections());
        summary.put("backPressureRunMillis", plan.backPressureRun().toMillis());
        summary.put("keepAliveTrials", plan.keepAliveTrials());
        summary.put("scenarios", plan.scenarios());
        return summary;
    }
}
