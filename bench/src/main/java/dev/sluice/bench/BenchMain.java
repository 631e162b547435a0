package dev.sluice.bench;

import dev.sluice.bench.ab.CompareCommand;
import dev.sluice.bench.load.EchoServerCommand;
import dev.sluice.bench.load.LoadCommand;
import dev.sluice.bench.sluice.BackPressureCommand;
import dev.sluice.bench.sluice.KeepAliveCommand;
import dev.sluice.bench.suite.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the benchmark jar: the suite, the comparison, and the child processes it spawns.
 * {@code jmh ARGS} hands ARGS to JMH's own command line.
 */
@Command(
        name = "sluice-bench",
        mixinStandardHelpOptions = true,
        description = {"Sluice benchmarks: load runs against controls, A/B comparisons of revisions, JMH.",
            "JMH: sluice-bench jmh [JMH options], e.g. jmh StreamFrameCodecBenchmark -prof gc"},
        subcommands = {
            CommandLine.HelpCommand.class,
            EchoServerCommand.class,
            LoadCommand.class,
            RunCommand.class,
            CompareCommand.class,
            BackPressureCommand.class,
            KeepAliveCommand.class,
            dev.sluice.bench.rpc.RpcCallsCommand.class,
        })
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            // JMH's own command line, e.g. `jmh StreamFrameCodecBenchmark -prof gc`
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("sluice-bench " + commandLine.getCommandName() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }
}
