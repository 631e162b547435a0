package dev.sluice.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench}: runs the benchmark suite in the bench module's own JVM. The harness does
 * not depend on the bench module (that would drag JMH into the CLI jar); it builds the bench
 * module's runnable jar when it is missing or older than the sources, then runs it as a child.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = BenchCommand.Compare.class,
        description = {"Measure Sluice against raw Netty ws/wss echo controls (and Node ws/wss when present);",
            "write every figure and ratio-to-control as JSON and print a table.",
            "'bench compare --baseline REV' judges the working tree against a git revision, both run now, interleaved."})
final class BenchCommand implements Callable<Integer> {
    static final String BENCH_JAR = "bench/target/sluice-bench.jar";
    static final String BUILD_LOG = "bench-out/bench-build.log";

    @Option(names = "--quick", description = "two short rounds, 1,000 idle connections: a few minutes on 2 cores")
    boolean quick;

    @Option(names = "--out", defaultValue = "bench-out/bench.json", description = "results JSON (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--rounds", description = "rounds per scenario (default: 2 quick, 3 full)")
    Integer rounds;

    @Option(names = "--idle-connections", description = "idle connections per target (default: 1,000 quick, 10,000 full)")
    Integer idleConnections;

    @Option(names = "--only", paramLabel = "SCENARIOS",
            description = "comma-separated: echo64-closed, tput-64KiB, tput-1MiB, open-10k, idle, backpressure, keepalive")
    String only;

    @Option(names = "--targets", paramLabel = "TARGETS", description = "comma-separated: sluice, wss, ws, node, node-wss")
    String targets;

    @Override
    public Integer call() throws Exception {
        Path jar = benchJar();
        List<String> command = javaCommand(jar);
        command.addAll(List.of("run", "--out", out.toString()));
        if (quick) {
            command.add("--quick");
        }
        if (rounds != null) {
            command.addAll(List.of("--rounds", rounds.toString()));
        }
        if (only != null) {
            command.addAll(List.of("--only", only));
        }
        if (targets != null) {
            command.addAll(List.of("--targets", targets));
        }
        if (idleConnections != null) {
            command.addAll(List.of("--idle-connections", idleConnections.toString()));
        }
        return runChild(command);
    }

    /** The bench jar, built first when missing or older than the sources. */
    static Path benchJar() throws IOException, InterruptedException {
        Path root = repositoryRoot().orElseThrow(() -> new IllegalStateException(
                "cannot find the Sluice repository (bench/pom.xml) from " + Path.of("").toAbsolutePath()
                        + "; run from the repository or pass -Dsluice.root=DIR"));
        Path jar = root.resolve(BENCH_JAR);
        if (stale(root, jar)) {
            build(root);
        }
        return jar;
    }

    /** java, -Dsluice.bench.* settings given to this JVM (SLUICE_JAVA_OPTS), -jar the bench jar. */
    static List<String> javaCommand(Path jar) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g"));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("sluice.bench."))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * {@code sluice bench compare}: the working tree (or --candidate REV) against a git revision,
     * both built and run now, interleaved; exit 0 no regression, 1 regression, 2 the run failed.
     */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"A/B against a git revision: builds it in a worktree under target/ (cached by commit),",
                "runs it and the working tree interleaved, judges each figure's ratio by its 95% interval.",
                "Writes comparison.json, .md and .html to --out. Exit 0 no regression, 1 regression, 2 run failed.",
                "SLUICE_BENCH_HANDICAP=UNITS gives the candidate's Sluice echo fixed extra work per message."})
    static final class Compare implements Callable<Integer> {
        @Option(names = "--baseline", required = true, paramLabel = "REV", description = "git revision to compare against")
        String baseline;

        @Option(names = "--candidate", paramLabel = "REV", description = "git revision to judge (default: the working tree)")
        String candidate;

        @Option(names = "--quick", description = "Sluice only, 2 forks x 6 short rounds after warm-up: under 10 minutes on a busy 2-core machine")
        boolean quick;

        @Option(names = "--forks", description = "fresh JVM pairs per scenario (default 2; with 2 or more a figure is flagged only when every fork shows the change)")
        Integer forks;

        @Option(names = "--rounds", description = "measured rounds per fork (default 6 quick, 10 full)")
        Integer rounds;

        @Option(names = "--out", defaultValue = "bench-out/compare", description = "report directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--threshold", paramLabel = "PERCENT", description = "smallest change flagged (default 5)")
        Double threshold;

        @Option(names = "--threshold-for", paramLabel = "METRIC_OR_ID=PERCENT",
                description = "per-metric threshold, e.g. p99Micros=20")
        List<String> thresholdFor = new ArrayList<>();

        @Option(names = "--only", paramLabel = "SCENARIOS", description = "echo64-closed, tput-64KiB, tput-1MiB, open-10k")
        String only;

        @Option(names = "--targets", paramLabel = "TARGETS", description = "sluice, wss, ws (default: sluice quick, sluice,wss full)")
        String targets;

        @Override
        public Integer call() throws Exception {
            Path jar;
            try {
                jar = benchJar();
            } catch (IllegalStateException e) {
                System.err.println("bench compare: " + e.getMessage());
                return 2;
            }
            Path root = repositoryRoot().orElseThrow();
            List<String> command = javaCommand(jar);
            command.addAll(List.of("compare", "--repo", root.toString(), "--baseline", baseline, "--out",
                    out.toString()));
            if (candidate != null) {
                command.addAll(List.of("--candidate", candidate));
            }
            if (quick) {
                command.add("--quick");
            }
            if (forks != null) {
                command.addAll(List.of("--forks", forks.toString()));
            }
            if (rounds != null) {
                command.addAll(List.of("--rounds", rounds.toString()));
            }
            if (threshold != null) {
                command.addAll(List.of("--threshold", threshold.toString()));
            }
            thresholdFor.forEach(t -> command.addAll(List.of("--threshold-for", t)));
            if (only != null) {
                command.addAll(List.of("--only", only));
            }
            if (targets != null) {
                command.addAll(List.of("--targets", targets));
            }
            return runChild(command);
        }
    }

    private static int runChild(List<String> command) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread reaper = new Thread(child::destroy, "bench-child-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            return child.waitFor();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook will run
            }
        }
    }

    private static void build(Path root) throws IOException, InterruptedException {
        Path log = root.resolve(BUILD_LOG);
        Files.createDirectories(log.getParent());
        System.err.println("bench: building " + BENCH_JAR + " (once; later runs reuse it)");
        // the jar only: tests are not compiled (-Dmaven.test.skip), which roughly halves a cold build
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-Dmaven.test.skip=true", "-Pbench-jar", "-pl", "bench",
                "-am", "package")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (mvn.waitFor() != 0) {
            throw new IllegalStateException("building the bench jar failed; see " + log);
        }
    }

    static boolean stale(Path root, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        List<Path> sources = new ArrayList<>(List.of(root.resolve("pom.xml"), root.resolve("bench/pom.xml"),
                root.resolve("impl/pom.xml")));
        sources.add(root.resolve("impl/src/main"));
        sources.add(root.resolve("bench/src/main"));
        for (Path source : sources) {
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                if (files.anyMatch(p -> newer(p, built))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    static Optional<Path> repositoryRoot() {
        String configured = System.getProperty("sluice.root");
        if (configured != null) {
            return Optional.of(Path.of(configured).toAbsolutePath()).filter(BenchCommand::isRoot);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return Optional.of(dir);
            }
        }
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar; dir != null; dir = dir.getParent()) {
                if (isRoot(dir)) {
                    return Optional.of(dir);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source to start from
        }
        return Optional.empty();
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("bench/pom.xml"));
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }
}
