package dev.sluice.bench.suite;

import dev.sluice.bench.proc.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Installs (once) and starts the Node {@code ws} echo server; absent Node means a note, not a failure. */
final class NodeTarget {
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(3);
    private static final int NODE_ABSENT = 3;

    private NodeTarget() {
    }

    /** Starts the Node echo server, or returns empty after adding a note saying why it cannot. */
    static Optional<ChildProcess> start(Path logDir, List<String> notes) throws IOException, InterruptedException {
        Optional<Path> benchDir = BenchPaths.benchDir();
        if (benchDir.isEmpty()) {
            notes.add("node: skipped, bench/node/echo-server.js not found (run from the repository, or set -D"
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
            notes.add("node: skipped, npm install ws did not finish within " + SETUP_TIMEOUT.toMinutes()
                    + " min; see " + setupLog);
            return Optional.empty();
        }
        if (setup.exitValue() == NODE_ABSENT) {
            notes.add("node: skipped, node or npm is not installed");
            return Optional.empty();
        }
        if (setup.exitValue() != 0) {
            notes.add("node: skipped, npm install ws failed (exit " + setup.exitValue() + "); see " + setupLog);
            return Optional.empty();
        }
        List<String> command = List.of("node", "--expose-gc", nodeDir.resolve("echo-server.js").toString());
        return Optional.of(ChildProcess.startWithEnv("node-echo", command, logDir.resolve("node-echo.log"),
                "NODE_PATH", installDir.resolve("node_modules").toString()));
    }
}
