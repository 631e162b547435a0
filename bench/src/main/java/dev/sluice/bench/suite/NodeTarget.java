package dev.sluice.bench.suite;

import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.net.BenchTls;
import dev.sluice.bench.proc.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Installs (once, {@code npm ci}) and starts the Node {@code ws} echo servers; absent Node means a note, not a failure. */
final class NodeTarget {
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(3);
    private static final int NODE_ABSENT = 3;

    private NodeTarget() {
    }

    /**
     * Starts the Node echo server (plain ws, or wss with the PEM certificate in {@code tlsDir} when
     * that is given), or returns empty after adding a note saying why it cannot.
     */
    static Optional<ChildProcess> start(TargetKind kind, Path logDir, Optional<Path> tlsDir, List<String> notes)
            throws IOException, InterruptedException {
        String id = kind.id();
        Optional<Path> benchDir = BenchPaths.benchDir();
        if (benchDir.isEmpty()) {
            notes.add(id + ": skipped, bench/node/echo-server.js not found (run from the repository, or set -D"
                    + BenchPaths.PROPERTY + ")");
            return Optional.empty();
        }
        Path nodeDir = benchDir.get().resolve("node");
        Path installDir = benchDir.get().resolve("target").resolve("node");
        Path setupLog = logDir.resolve("node-setup.log");
        Process setup = new ProcessBuilder("bash", nodeDir.resolve("setup.sh").toString(), installDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(setupLog.toFile()))
                .start();
        if (!setup.waitFor(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            setup.destroyForcibly();
            notes.add(id + ": skipped, npm ci (ws) did not finish within " + SETUP_TIMEOUT.toMinutes()
                    + " min; see " + setupLog);
            return Optional.empty();
        }
        if (setup.exitValue() == NODE_ABSENT) {
            notes.add(id + ": skipped, node or npm is not installed (install Node.js to measure the Node targets)");
            return Optional.empty();
        }
        if (setup.exitValue() != 0) {
            notes.add(id + ": skipped, npm ci (ws) failed (exit " + setup.exitValue() + "); see " + setupLog);
            return Optional.empty();
        }
        List<String> command = List.of("node", "--expose-gc", nodeDir.resolve("echo-server.js").toString());
        Map<String, String> env = new HashMap<>(Map.of("NODE_PATH", installDir.resolve("node_modules").toString()));
        if (tlsDir.isPresent()) {
            env.put("SLUICE_BENCH_TLS_CERT", tlsDir.get().resolve(BenchTls.CERT_FILE).toString());
            env.put("SLUICE_BENCH_TLS_KEY", tlsDir.get().resolve(BenchTls.KEY_FILE).toString());
        }
        return Optional.of(ChildProcess.start(id + "-echo", command, logDir.resolve(id + "-echo.log"), env));
    }
}
