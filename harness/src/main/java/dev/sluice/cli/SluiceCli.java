package dev.sluice.cli;

import dev.sluice.harness.node.ParentWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./sluice} command line: one verb per subcommand, each in its own class. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceVersion.class,
        description = "A WebSocket transport with multiplexed duplex streams, and the toolkit that proves it.",
        subcommands = {
            CommandLine.HelpCommand.class,
            GateCommand.class,
            ScenarioCommand.class,
            ServerCommand.class,
            ClientCommand.class,
            CallCommand.class,
            RpcLoadCommand.class,
            KeygenCommand.class,
            ProxyCommand.class,
            ConformanceCommand.class,
            BenchCommand.class,
        })
public final class SluiceCli {
    private SluiceCli() {
    }

    public static void main(String[] args) {
        ParentWatch.installFromEnvironment();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SluiceCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
