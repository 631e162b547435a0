package dev.sluice.bench.proc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line for a child JVM running a bench subcommand on this JVM's class path. */
public final class JavaCommand {
    public static final String MAIN_CLASS = "dev.sluice.bench.BenchMain";
    /** Every child gets the same heap so that heap figures compare. */
    public static final String CHILD_HEAP = "-Xmx1g";
    private static final List<String> PASSED_PROPERTIES = List.of(
            "sluice.bench.transport", "sluice.bench.tls", "sluice.bench.window", "sluice.bench.frame",
            "sluice.bench.highWatermark",
            "io.netty.leakDetection.level");

    private JavaCommand() {
    }

    public static List<String> forSubcommand(List<String> jvmOptions, List<String> args) {
        return forSubcommand(System.getProperty("java.class.path"), jvmOptions, args);
    }

    /** The same on another class path (another revision's build, with this build's bench classes first). */
    public static List<String> forSubcommand(String classPath, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add(CHILD_HEAP);
        command.add("-XX:+UseG1GC");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        for (String property : PASSED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.addAll(args);
        return command;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
