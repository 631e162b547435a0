package dev.sluice.harness.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What to start as a separate JVM: a name for its files, its main class, arguments and JVM options. */
public final class NodeSpec {
    /** The main class of the reference server and client: the {@code ./sluice} command line. */
    public static final String DEFAULT_MAIN = "dev.sluice.cli.SluiceCli";
    /** Small heap and a simple collector: nodes are many, short-lived and share two cores. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k");
    /** How long a node gets to exit after its stdin closes before it is killed. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(3);

    private final String name;
    private final String mainClass;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path outputDirectory;
    private final Duration stopGrace;
    private final List<String> launcher;

    private NodeSpec(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.mainClass = b.mainClass;
        this.arguments = List.copyOf(b.arguments);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.environment = Map.copyOf(b.environment);
        this.outputDirectory = Objects.requireNonNull(b.outputDirectory, "outputDirectory");
        this.stopGrace = b.stopGrace;
        this.launcher = List.copyOf(b.launcher);
    }

    /** The same node started through {@code launcher} (e.g. {@code ip netns exec NS}), which must exec the JVM. */
    public NodeSpec withLauncher(List<String> launcher) {
        Builder b = new Builder(name).mainClass(mainClass).arguments(arguments).outputDirectory(outputDirectory)
                .stopGrace(stopGrace);
        b.jvmOptions.clear();
        b.jvmOptions.addAll(jvmOptions);
        b.environment.putAll(environment);
        b.launcher.addAll(launcher);
        return b.build();
    }

    /** What runs before {@code java} on the command line; empty for a plain JVM. */
    public List<String> launcher() {
        return launcher;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String mainClass() {
        return mainClass;
    }

    public List<String> arguments() {
        return arguments;
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    public Duration stopGrace() {
        return stopGrace;
    }

    public Path stdoutFile() {
        return outputDirectory.resolve(name + ".stdout.log");
    }

    public Path stderrFile() {
        return outputDirectory.resolve(name + ".stderr.log");
    }

    /** The full command: the launcher if any, this JVM's {@code java}, this JVM's class path, the options, main, arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    public static final class Builder {
        private final String name;
        private String mainClass = DEFAULT_MAIN;
        private final List<String> arguments = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path outputDirectory;
        private Duration stopGrace = DEFAULT_STOP_GRACE;
        private final List<String> launcher = new ArrayList<>();

        private Builder(String name) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("node name '" + name + "' must be usable as a file name");
            }
            this.name = name;
        }

        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        public Builder arguments(List<String> arguments) {
            this.arguments.addAll(arguments);
            return this;
        }

        public Builder arguments(String... arguments) {
            return arguments(List.of(arguments));
        }

        public Builder jvmOption(String option) {
            this.jvmOptions.add(option);
            return this;
        }

        public Builder environment(String key, String value) {
            this.environment.put(key, value);
            return this;
        }

        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
            return this;
        }

        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = stopGrace;
            return this;
        }

        public NodeSpec build() {
            return new NodeSpec(this);
        }
    }
}
