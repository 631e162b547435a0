package dev.sluice.cli;

import dev.sluice.conformance.AutobahnResults;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice conformance}: runs the Autobahn|Testsuite fuzzing client against the plain echo
 * endpoint built from the server's WebSocket stages (Maven profile {@code conformance}), compares
 * every case with the committed expected results and prints one summary line.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Runs the Autobahn|Testsuite (RFC 6455) against Sluice's WebSocket stages and checks "
                + "every case against harness/conformance/autobahn-expected.txt.")
public final class ConformanceCommand implements Callable<Integer> {
    static final String EXPECTED = "harness/conformance/autobahn-expected.txt";
    static final String REPORTS = "target/autobahntestsuite-reports";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    @Option(names = "--root", description = "Source tree root (default: found from the working directory).")
    private Path root;

    @Option(names = "--timeout-minutes", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutMinutes = DEFAULT_TIMEOUT.toMinutes();

    @Option(names = "--reports-only", description = "Do not run the suite; check the reports of the last run.")
    private boolean reportsOnly;

    @Option(names = "--unclean-retries", description = "Runs again, up to this many times, only the cases whose "
            + "close the suite cut short itself (UNCLEAN, an overloaded machine's symptom); every retry is printed "
            + "(default: ${DEFAULT-VALUE}).")
    private int uncleanRetries = 1;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path tree = root != null ? root : findRoot(Path.of("").toAbsolutePath());
        if (tree == null) {
            tree = findRoot(jarDirectory());
        }
        if (tree == null) {
            System.err.println("conformance: cannot find the source tree (a directory with " + EXPECTED
                    + "); run from inside it or pass --root");
            return 2;
        }
        Path reports = tree.resolve(REPORTS);
        Path index = reports.resolve("index.json");
        AutobahnResults expected = AutobahnResults.readExpected(tree.resolve(EXPECTED));
        int build = 0;
        if (!reportsOnly) {
            deleteTree(reports);
            Files.deleteIfExists(logFile(tree));
            build = runSuite(tree, List.of());
        }
        if (!Files.isRegularFile(index)) {
            System.err.println("conformance: no Autobahn report at " + index + " (see " + logFile(tree) + ")");
            return 1;
        }
        AutobahnResults actual = AutobahnResults.readReport(index);
        for (int retry = 0; !reportsOnly && build == 0 && retry < uncleanRetries; retry++) {
            List<String> unclean = actual.uncleanClosesAgainst(expected);
            if (unclean.isEmpty()) {
                break;
            }
            System.out.println("conformance: the suite cut short the close of " + String.join(", ", unclean)
                    + " (UNCLEAN); running " + (unclean.size() == 1 ? "it" : "them") + " again");
            Files.move(index, reports.resolve("index-before-retry-" + (retry + 1) + ".json"),
                    StandardCopyOption.REPLACE_EXISTING);
            build = runSuite(tree, List.of("-Dcases=" + String.join(",", unclean)));
            if (!Files.isRegularFile(index)) {
                System.err.println("conformance: the retry left no report (see " + logFile(tree) + ")");
                return 1;
            }
            AutobahnResults rerun = AutobahnResults.readReport(index);
            rerun.cases().values().forEach(c -> System.out.println("conformance: retried " + c.id() + ": "
                    + c.behaviour() + "/" + c.closeBehaviour()));
            actual = actual.replacedBy(rerun);
        }
        List<String> differences = actual.differencesFrom(expected);
        differences.forEach(d -> System.out.println("autobahn difference: " + d));
        System.out.println(actual.summary());
        if (build != 0 && differences.isEmpty()) {
            System.err.println("conformance: the Maven run failed (exit " + build + "); see " + logFile(tree));
        }
        return differences.isEmpty() && build == 0 ? 0 : 1;
    }

    /** Runs the profile; its own expected-results check is skipped: this command compares (after retries). */
    private int runSuite(Path tree, List<String> extraArguments) throws IOException, InterruptedException {
        Path log = logFile(tree);
        Files.createDirectories(log.getParent());
        System.out.println("conformance: running the Autobahn fuzzing client (a few minutes); log: " + log);
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-Pconformance", "-pl", "harness", "-am",
                "verify", "-DskipTests", "-Dexec.skip=true"));
        command.addAll(extraArguments);
        Process maven = new ProcessBuilder(command)
                .directory(tree.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Thread reaper = new Thread(maven::destroyForcibly, "conformance-maven-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            if (!maven.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                maven.descendants().forEach(ProcessHandle::destroyForcibly);
                maven.destroyForcibly();
                System.err.println("conformance: the suite did not finish within " + timeoutMinutes + " minutes");
                return 124;
            }
            return maven.exitValue();
        } finally {
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    private static Path logFile(Path tree) {
        return tree.resolve("target").resolve("conformance-mvn.log");
    }

    private static Path jarDirectory() {
        try {
            return Path.of(ConformanceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (java.net.URISyntaxException | RuntimeException unknown) {
            return null;
        }
    }

    static Path findRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(EXPECTED))) {
                return dir;
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
