package dev.sluice.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.bench.ab.WarmUp;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.net.BenchTls;
import dev.sluice.bench.proc.ChildProcess;
import dev.sluice.bench.proc.JavaCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Runs the plan: one server process per target; for each scenario one load generator per target
 * that stays up for the scenario (warm, like the server), discarded warm-up rounds until every
 * process's JIT is quiet, then the measured rounds, each target in turn (A B A B); then the
 * idle-connection census. A fixed short warm-up measured the JIT instead of the stack on a busy
 * machine: fresh JVMs kept speeding up for many rounds, and the stack with more code to compile
 * lost most (see {@link WarmUp}).
 */
public final class SuiteRunner {
    private static final Duration LOAD_SLACK = Duration.ofSeconds(90);
    private static final Duration IDLE_OPEN_TIMEOUT = Duration.ofMinutes(4);
    /** Warm-up rounds per scenario: at least, and at most (the JIT of a busy 2-core machine may never settle). */
    private static final int MIN_WARM_UP_ROUNDS = 2;
    private static final int MAX_WARM_UP_ROUNDS = 8;
    /** A target is warm when its processes compiled for at most this share of a run's duration. */
    private static final int QUIET_JIT_SHARE_DIVISOR = 20;
    private static final List<TargetKind> ORDER = List.of(TargetKind.SLUICE, TargetKind.WSS, TargetKind.WS,
            TargetKind.NODE, TargetKind.NODE_WSS);

    private final SuitePlan plan;
    private final Path logDir;
    private final PrintStream progress;
    private final List<String> notes = new ArrayList<>();
    private final List<JsonNode> runs = new ArrayList<>();
    private final Map<TargetKind, ServerChild> servers = new EnumMap<>(TargetKind.class);
    private boolean backPressureViolated;
    private final Set<String> only;
    private final Set<TargetKind> targets;

    /**
     * @param only    scenario ids to run (load scenarios, "idle", "backpressure", "keepalive"); empty: all
     * @param targets targets to start; empty: all
     */
    public SuiteRunner(SuitePlan plan, Set<String> only, Set<TargetKind> targets, Path logDir, PrintStream progress) {
        this.plan = plan;
        this.only = only;
        this.targets = targets;
        this.logDir = logDir;
        this.progress = progress;
    }

    public List<String> notes() {
        return notes;
    }

    public List<JsonNode> runs() {
        return runs;
    }

    /** Runs everything; returns normally even when single targets could not be started (see notes). */
    public void run() throws Exception {
        try {
            if (needsServers()) {
                startServers();
            }
            for (Scenario scenario : plan.scenarios()) {
                if (!selected(scenario.id())) {
                    continue;
                }
                runScenario(scenario);
            }
            for (TargetKind kind : ORDER) {
                if (servers.containsKey(kind) && selected("idle")) {
                    idleRun(servers.get(kind));
                }
            }
        } finally {
            servers.values().forEach(ServerChild::close);
        }
        if (!targeted(TargetKind.SLUICE)) {
            return;
        }
        for (int round = 1; round <= plan.rounds() && selected("backpressure"); round++) {
            inProcessRun("backpressure", round, List.of("backpressure", "--duration-ms",
                    String.valueOf(plan.backPressureRun().toMillis())), plan.backPressureRun());
        }
        if (selected("keepalive")) {
            inProcessRun("keepalive", 1, List.of("keepalive", "--trials", String.valueOf(plan.keepAliveTrials())),
                    Duration.ofSeconds(plan.keepAliveTrials()));
        }
    }

    private boolean selected(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    private boolean targeted(TargetKind kind) {
        return targets.isEmpty() || targets.contains(kind);
    }

    private boolean needsServers() {
        return selected("idle") || plan.scenarios().stream().anyMatch(s -> selected(s.id()));
    }

    /** True when a slow-consumer run saw more outstanding bytes than window + one frame. */
    public boolean backPressureViolated() {
        return backPressureViolated;
    }

    /** A Sluice measurement that runs server and client in one child JVM and reports one event. */
    private void inProcessRun(String scenario, int round, List<String> args, Duration expected)
            throws IOException, InterruptedException {
        progress.printf("%-14s round %d  %-8s ... ", scenario, round, "sluice");
        progress.flush();
        try (ChildProcess child = ChildProcess.start(scenario + "-r" + round,
                JavaCommand.forSubcommand(List.of(), args), logDir.resolve(scenario + ".log"))) {
            JsonNode result = child.awaitEvent(scenario, expected.plus(LOAD_SLACK));
            ObjectNode run = ((ObjectNode) result.deepCopy()).without("event");
            run.put("scenario", scenario);
            run.put("target", "sluice");
            run.put("round", round);
            runs.add(run);
            if (run.has("withinLimit") && !run.path("withinLimit").asBoolean()) {
                backPressureViolated = true;
                notes.add("BACK-PRESSURE VIOLATED in round " + round + ": peak outstanding "
                        + run.path("peakOutstandingBytes").asLong() + " B > window + one frame "
                        + run.path("limitBytes").asLong() + " B");
                progress.println("BACK-PRESSURE VIOLATED");
            } else {
                progress.println(scenario.equals("keepalive")
                        ? String.format("detection p50 %.0f ms, max %.0f ms (timeout %d ms)",
                                run.path("p50Millis").asDouble(), run.path("maxMillis").asDouble(),
                                run.path("timeoutMillis").asLong())
                        : String.format("peak outstanding %,d B (limit %,d B)", run.path("peakOutstandingBytes").asLong(),
                                run.path("limitBytes").asLong()));
            }
        } catch (IOException | TimeoutException e) {
            progress.println("failed");
            notes.add(scenario + "-r" + round + ": failed: " + firstLine(e.getMessage()));
        }
    }

    private void startServers() throws IOException, InterruptedException {
        // one certificate chain for the raw wss control and the Node wss target: like for like
        Path tlsDir = logDir.resolve("tls");
        BenchTls.writeCertificate(tlsDir);
        for (TargetKind kind : ORDER) {
            if (!targeted(kind)) {
                continue;
            }
            try {
                List<String> jvmOptions = kind == TargetKind.WSS
                        ? List.of("-D" + BenchTls.DIR_PROPERTY + "=" + tlsDir) : List.of();
                Optional<ChildProcess> process;
                if (kind == TargetKind.NODE || kind == TargetKind.NODE_WSS) {
                    process = NodeTarget.start(kind, logDir,
                            kind == TargetKind.NODE_WSS ? Optional.of(tlsDir) : Optional.empty(), notes);
                } else {
                    process = Optional.of(ChildProcess.start(kind.id() + "-echo",
                            JavaCommand.forSubcommand(jvmOptions, List.of("echo-server", "--kind", kind.id())),
                            logDir.resolve(kind.id() + "-echo.log")));
                }
                if (process.isPresent()) {
                    ServerChild server = ServerChild.awaitReady(kind, process.get());
                    servers.put(kind, server);
                    progress.printf("started %s at %s (pid %d)%n", kind.description(), server.url(), server.pid());
                }
            } catch (IOException | TimeoutException e) {
                notes.add(kind.id() + ": skipped, its echo server did not start: " + firstLine(e.getMessage()));
            }
        }
    }

    private void runScenario(Scenario scenario) throws IOException, InterruptedException {
        Map<TargetKind, ChildProcess> drivers = new EnumMap<>(TargetKind.class);
        try {
            for (TargetKind kind : ORDER) {
                if (servers.containsKey(kind)) {
                    startDriver(scenario, servers.get(kind)).ifPresent(driver -> drivers.put(kind, driver));
                }
            }
            WarmUp warmUp = new WarmUp(MIN_WARM_UP_ROUNDS, MAX_WARM_UP_ROUNDS,
                    plan.warmup().plus(plan.measure()).toMillis() / QUIET_JIT_SHARE_DIVISOR);
            drivers.keySet().forEach(kind -> warmUp.expect(kind.id()));
            int warmUpRounds = 0;
            do {
                warmUpRounds++;
                runRound(scenario, -warmUpRounds, drivers, warmUp);
            } while (!warmUp.done(warmUpRounds));
            notes.add(String.format(Locale.ROOT, "%s: %d warm-up rounds, until %s (last round's JIT ms per target: %s)",
                    scenario.id(), warmUpRounds, warmUp.quiet() ? "the JIT was quiet"
                            : "the warm-up limit (the JIT was still compiling)", warmUp.lastRound()));
            for (int round = 1; round <= plan.rounds(); round++) {
                runRound(scenario, round, drivers, warmUp);
            }
        } finally {
            drivers.values().forEach(ChildProcess::close);
        }
    }

    /** One run per target, in turn; rounds numbered below 1 are warm-up and discarded. */
    private void runRound(Scenario scenario, int round, Map<TargetKind, ChildProcess> drivers, WarmUp warmUp)
            throws IOException, InterruptedException {
        for (Map.Entry<TargetKind, ChildProcess> driver : drivers.entrySet()) {
            JsonNode run = loadRun(scenario, round, servers.get(driver.getKey()), driver.getValue());
            if (run != null) {
                warmUp.record(driver.getKey().id(), run.path("serverJitMillis").asLong(-1),
                        run.path("clientJitMillis").asLong(-1));
            }
        }
    }

    /** A load generator that stays up for the scenario and runs its load on fresh connections when asked. */
    private Optional<ChildProcess> startDriver(Scenario scenario, ServerChild server)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("load", "--serve", LoadRun.WINDOW_ACKS));
        args.addAll(server.targetArguments());
        args.addAll(scenario.loadArguments());
        args.addAll(List.of("--warmup-ms", String.valueOf(plan.warmup().toMillis()),
                "--measure-ms", String.valueOf(plan.measure().toMillis())));
        String name = "load-" + scenario.id() + "-" + server.kind().id();
        ChildProcess driver = ChildProcess.start(name, JavaCommand.forSubcommand(List.of(), args),
                logDir.resolve("load.log"));
        try {
            driver.awaitEvent("driver-ready", ServerChild.READY_TIMEOUT);
            return Optional.of(driver);
        } catch (IOException | TimeoutException e) {
            driver.close();
            notes.add(name + ": the load generator did not start: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private JsonNode loadRun(Scenario scenario, int round, ServerChild server, ChildProcess driver)
            throws IOException, InterruptedException {
        boolean warm = round < 1;
        String name = "load-" + scenario.id() + "-" + server.kind().id() + "-r" + round;
        progress.printf(Locale.ROOT, "%-14s round %s  %-8s ... ", scenario.id(), warm ? "w" + -round : String.valueOf(round),
                server.kind().id());
        progress.flush();
        try {
            driver.send("run");
            ObjectNode run = LoadRun.await(driver, server, scenario.messageBytes(),
                    plan.warmup().plus(plan.measure()).plus(LOAD_SLACK));
            run.put("scenario", scenario.id());
            run.put("target", server.kind().id());
            run.put("round", round);
            if (!warm) {
                runs.add(run);
            }
            progress.printf(Locale.ROOT, "%,.0f msg/s  p99 %,.0f us  JIT %d + %d ms%s%n",
                    run.path("messagesPerSecond").asDouble(), run.path("p99Micros").asDouble(),
                    run.path("serverJitMillis").asLong(-1), run.path("clientJitMillis").asLong(-1),
                    warm ? " (warm-up, discarded)" : "");
            return run;
        } catch (IOException | TimeoutException e) {
            progress.println("failed");
            notes.add(name + ": failed: " + firstLine(e.getMessage()));
            return null;
        }
    }

    private void idleRun(ServerChild server) throws IOException, InterruptedException {
        int count = plan.idleConnections();
        List<String> args = new ArrayList<>(List.of("load"));
        args.addAll(server.targetArguments());
        args.addAll(List.of("--mode", "idle", "--connections", String.valueOf(count)));
        progress.printf("%-14s          %-8s ... ", "idle-" + count, server.kind().id());
        progress.flush();
        try {
            JsonNode before = server.heap();
            try (ChildProcess load = ChildProcess.start("idle-" + server.kind().id(),
                    JavaCommand.forSubcommand(List.of(), args), logDir.resolve("load.log"))) {
                JsonNode client = load.awaitEvent("idle-open", IDLE_OPEN_TIMEOUT);
                JsonNode after = server.heap();
                ObjectNode run = ((ObjectNode) client.deepCopy()).without("event");
                run.put("scenario", "idle");
                run.put("target", server.kind().id());
                run.put("round", 1);
                run.put("serverHeapUsedBefore", before.path("heapUsedBytes").asLong());
                run.put("serverHeapUsedAfter", after.path("heapUsedBytes").asLong());
                run.put("serverDirectUsedBefore", before.path("directUsedBytes").asLong());
                run.put("serverDirectUsedAfter", after.path("directUsedBytes").asLong());
                run.put("serverConnections", after.path("connections").asInt());
                runs.add(run);
                progress.printf("server heap %,.0f B/connection%n",
                        (after.path("heapUsedBytes").asDouble() - before.path("heapUsedBytes").asDouble()) / count);
            }
        } catch (IOException | TimeoutException e) {
            progress.println("failed");
            notes.add("idle-" + server.kind().id() + ": failed: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " ...";
    }
}
