package dev.sluice.bench.ab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.proc.ChildProcess;
import dev.sluice.bench.proc.JavaCommand;
import dev.sluice.bench.suite.LoadRun;
import dev.sluice.bench.suite.Scenario;
import dev.sluice.bench.suite.ServerChild;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Runs a comparison: per scenario, {@code forks} times in turn, fresh JVMs per side and target
 * (each side's own class path, both sides started at once): an echo server and a load generator
 * that stay up for the fork (the client is part of what is measured: Sluice works on both ends);
 * discarded warm-up rounds until every process's JIT is quiet ({@link WarmUp}), then the measured
 * rounds, each one run per side on fresh connections, the side that goes first alternating by round.
 */
final class AbRunner {
    private static final Duration LOAD_SLACK = Duration.ofSeconds(90);

    /** One load run's result: fork and round from 1. */
    record Sample(String scenario, String target, String side, int fork, int round, JsonNode run) {
    }

    private final AbPlan plan;
    private final Side baseline;
    private final Side candidate;
    private final Path logDir;
    private final PrintStream progress;
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> loadAverages = new LinkedHashMap<>();
    private final Map<String, List<Integer>> warmUpRoundsByScenario = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> measuredJitByScenario = new LinkedHashMap<>();
    private int failedRuns;
    private int runs;

    AbRunner(AbPlan plan, Side baseline, Side candidate, Path logDir, PrintStream progress) {
        this.plan = plan;
        this.baseline = baseline;
        this.candidate = candidate;
        this.logDir = logDir;
        this.progress = progress;
    }

    List<Sample> samples() {
        return samples;
    }

    List<String> notes() {
        return notes;
    }

    /** The 1-minute load average when each scenario started, and at the end. */
    Map<String, Double> loadAverages() {
        return loadAverages;
    }

    int failedRuns() {
        return failedRuns;
    }

    int runs() {
        return runs;
    }

    void run() throws IOException, InterruptedException, TimeoutException {
        for (Scenario scenario : plan.scenarios()) {
            loadAverages.put(scenario.id(), loadAverage());
            List<Integer> warmUpRounds = new ArrayList<>();
            Map<String, Long> measuredJit = new LinkedHashMap<>();
            warmUpRoundsByScenario.put(scenario.id(), warmUpRounds);
            measuredJitByScenario.put(scenario.id(), measuredJit);
            for (int fork = 1; fork <= plan.forks(); fork++) {
                runFork(scenario, fork, warmUpRounds, measuredJit);
            }
        }
        loadAverages.put("end", loadAverage());
    }

    /**
     * One fork of a scenario: fresh servers and load generators for both sides (alive at the same
     * time), warm-up until their JIT is quiet, then the measured rounds; all of them closed after.
     */
    private void runFork(Scenario scenario, int fork, List<Integer> warmUpRounds, Map<String, Long> measuredJit)
            throws IOException, InterruptedException, TimeoutException {
        Map<String, ServerChild> servers = new LinkedHashMap<>();
        Map<String, ChildProcess> drivers = new LinkedHashMap<>();
        try {
            for (TargetKind target : plan.targets()) {
                List<Side> sides = List.of(baseline, candidate);
                List<ServerChild> started = ParallelStart.all(sides.stream()
                        .<ParallelStart.Start<ServerChild>>map(side -> () -> startServer(scenario, side, target, fork))
                        .toList(), ServerChild::close);
                for (int i = 0; i < sides.size(); i++) {
                    servers.put(key(sides.get(i), target), started.get(i));
                }
                List<ChildProcess> loaders = ParallelStart.all(sides.stream()
                        .<ParallelStart.Start<ChildProcess>>map(side -> () -> startDriver(scenario, side, target,
                                servers.get(key(side, target)), fork))
                        .toList(), ChildProcess::close);
                for (int i = 0; i < sides.size(); i++) {
                    drivers.put(key(sides.get(i), target), loaders.get(i));
                }
            }
            WarmUp warmUp = new WarmUp(plan.minWarmUpRounds(), plan.maxWarmUpRounds(), plan.quietJitMillis());
            servers.keySet().forEach(warmUp::expect);
            int rounds = 0;
            do {
                rounds++;
                runRound(scenario, fork, -rounds, true, servers, drivers, warmUp);
            } while (!warmUp.done(rounds));
            notes.add(warmUpNote(scenario, fork, rounds, warmUp));
            warmUpRounds.add(rounds);
            for (int round = 1; round <= plan.rounds(); round++) {
                runRound(scenario, fork, round, false, servers, drivers, warmUp);
                warmUp.lastRound().forEach((k, v) -> measuredJit.merge(k, v, Long::sum));
            }
        } finally {
            drivers.values().forEach(ChildProcess::close);
            servers.values().forEach(ServerChild::close);
        }
    }

    /**
     * One round: one load run per side and target, the side that goes first alternating with the
     * round number and the fork (fork + round odd: candidate first), warm-up rounds numbered -1, -2,
     * ... and discarded.
     */
    private void runRound(Scenario scenario, int fork, int round, boolean warm, Map<String, ServerChild> servers,
                          Map<String, ChildProcess> drivers, WarmUp warmUp) throws IOException, InterruptedException {
        // by fork and round, so that even a single measured round per fork is balanced across forks
        List<Side> order = Math.floorMod(fork + round, 2) == 0 ? List.of(baseline, candidate)
                : List.of(candidate, baseline);
        for (TargetKind target : plan.targets()) {
            for (Side side : order) {
                String key = key(side, target);
                JsonNode run = loadRun(scenario, fork, round, warm, side, target, servers.get(key), drivers.get(key));
                if (run != null) {
                    warmUp.record(key, run.path("serverJitMillis").asLong(-1), run.path("clientJitMillis").asLong(-1));
                }
            }
        }
    }

    private static String warmUpNote(Scenario scenario, int fork, int rounds, WarmUp warmUp) {
        String state = warmUp.quiet() ? "the JIT was quiet" : "the JIT was STILL COMPILING (warm-up limit reached)";
        return String.format(Locale.ROOT, "%s fork %d: %d warm-up rounds, until %s (at most %d ms per side and "
                + "round; last round %s ms)", scenario.id(), fork, rounds, state, warmUp.quietMillis(),
                warmUp.lastRound());
    }

    /** Warm-up rounds each scenario's forks took before their JIT was quiet (or the limit). */
    Map<String, List<Integer>> warmUpRounds() {
        return warmUpRoundsByScenario;
    }

    /** JIT milliseconds per side (server + load generator) over each scenario's measured rounds, all forks. */
    Map<String, Map<String, Long>> measuredJitMillis() {
        return measuredJitByScenario;
    }

    private static String key(Side side, TargetKind target) {
        return side.role() + "/" + target.id();
    }

    private ServerChild startServer(Scenario scenario, Side side, TargetKind target, int fork) throws IOException,
            InterruptedException, TimeoutException {
        String name = side.role() + "-" + target.id() + "-echo-" + scenario.id() + "-f" + fork;
        ChildProcess process = ChildProcess.start(name,
                JavaCommand.forSubcommand(side.classPath(), List.of(), List.of("echo-server", "--kind", target.id())),
                logDir.resolve(name + ".log"), side.env());
        try {
            return ServerChild.awaitReady(target, process);
        } catch (IOException | TimeoutException e) {
            throw new IOException("the " + side.role() + "'s " + target.id() + " echo server did not start: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A load generator that stays up for the fork (warm, like the server) and runs the
     * scenario's load on fresh connections each time it is asked.
     */
    private ChildProcess startDriver(Scenario scenario, Side side, TargetKind target, ServerChild server, int fork)
            throws IOException, InterruptedException, TimeoutException {
        List<String> args = new ArrayList<>(List.of("load", "--serve", LoadRun.WINDOW_ACKS));
        args.addAll(server.targetArguments());
        args.addAll(scenario.loadArguments());
        args.addAll(List.of("--warmup-ms", String.valueOf(plan.warmup().toMillis()),
                "--measure-ms", String.valueOf(plan.measure().toMillis())));
        String name = "load-" + scenario.id() + "-" + target.id() + "-" + side.role() + "-f" + fork;
        ChildProcess driver = ChildProcess.start(name, JavaCommand.forSubcommand(side.classPath(), List.of(), args),
                logDir.resolve("load.log"), side.env());
        try {
            driver.awaitEvent("driver-ready", ServerChild.READY_TIMEOUT);
            return driver;
        } catch (IOException | TimeoutException e) {
            driver.close();
            throw new IOException("the " + side.role() + "'s load generator for " + target.id() + " did not start: "
                    + e.getMessage(), e);
        }
    }

    private JsonNode loadRun(Scenario scenario, int fork, int round, boolean warm, Side side, TargetKind target,
                             ServerChild server, ChildProcess driver) throws IOException, InterruptedException {
        String name = scenario.id() + "-" + target.id() + "-" + side.role() + "-f" + fork + "r" + round;
        progress.printf(Locale.ROOT, "%-14s %-8s fork %d round %2d%s %-9s ... ", scenario.id(), target.id(), fork,
                round, warm ? " (warm-up)" : "", side.role());
        progress.flush();
        runs++;
        try {
            driver.send("run");
            JsonNode run = LoadRun.await(driver, server, scenario.messageBytes(),
                    plan.warmup().plus(plan.measure()).plus(LOAD_SLACK));
            if (!warm) {
                samples.add(new Sample(scenario.id(), target.id(), side.role(), fork, round, run));
            }
            progress.printf(Locale.ROOT, "%,.0f msg/s  p99 %,.0f us  %,.0f B/msg allocated  JIT %d + %d ms%n",
                    run.path("messagesPerSecond").asDouble(), run.path("p99Micros").asDouble(),
                    run.path("serverAllocatedBytesPerMessage").asDouble(Double.NaN),
                    run.path("serverJitMillis").asLong(-1), run.path("clientJitMillis").asLong(-1));
            return run;
        } catch (IOException | TimeoutException e) {
            failedRuns++;
            progress.println("failed");
            notes.add(name + ": failed: " + firstLine(e.getMessage()));
            return null;
        }
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " ...";
    }
}
