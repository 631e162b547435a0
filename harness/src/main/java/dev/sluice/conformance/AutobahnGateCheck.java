package dev.sluice.conformance;

import java.nio.file.Path;
import java.util.List;

/**
 * The last step of the {@code conformance} Maven profile: compares the Autobahn report with the
 * committed expected results, prints the summary line and every differing case, and fails (by
 * throwing, since it runs inside the Maven JVM) on any difference.
 *
 * <p>Arguments: the report directory, the expected-results file.
 */
public final class AutobahnGateCheck {
    private AutobahnGateCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AutobahnGateCheck <report directory> <expected-results file>");
        }
        AutobahnResults actual = AutobahnResults.readReport(Path.of(args[0]).resolve("index.json"));
        AutobahnResults expected = AutobahnResults.readExpected(Path.of(args[1]));
        List<String> differences = actual.differencesFrom(expected);
        differences.forEach(d -> System.out.println("autobahn difference: " + d));
        System.out.println(actual.summary());
        if (!differences.isEmpty()) {
            throw new IllegalStateException(differences.size() + " Autobahn case(s) differ from " + args[1]);
        }
    }
}
