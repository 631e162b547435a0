package dev.sluice.bench.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compare}: judges an existing results file against a baseline, without measuring. */
@Command(name = "compare", description = "Compare a results file with a baseline; write Markdown and HTML reports.")
public final class CompareCommand implements Callable<Integer> {
    /** Exit code when a regression was found and --fail-on-regression was given. */
    public static final int REGRESSION_EXIT = 3;

    @Option(names = "--baseline", required = true, description = "baseline results, e.g. ci/baseline.json")
    Path baseline;

    @Option(names = "--current", required = true, description = "results of the run to judge")
    Path current;

    @Option(names = "--fail-on-regression", description = "exit " + REGRESSION_EXIT + " when a regression is found")
    boolean failOnRegression;

    @Override
    public Integer call() throws Exception {
        long regressions = ReportFiles.writeComparison(ReportFiles.read(baseline), ReportFiles.read(current), current,
                System.out);
        return failOnRegression && regressions > 0 ? REGRESSION_EXIT : 0;
    }
}
