package dev.sluice.bench;

import dev.sluice.bench.load.EchoServerCommand;
import dev.sluice.bench.load.LoadCommand;
import dev.sluice.bench.report.CompareCommand;
import dev.sluice.bench.suite.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark jar: the suite, the comparison, and the child processes it spawns. */
@Command(
        name = "sluice-bench",
        mixinStandardHelpOptions = true,
        description = "Sluice benchmarks: load runs against controls, JMH, regression reports.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EchoServerCommand.class,
            LoadCommand.class,
            RunCommand.class,
            CompareCommand.class,
        })
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
