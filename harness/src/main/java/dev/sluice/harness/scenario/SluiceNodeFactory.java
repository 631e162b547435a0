package dev.sluice.harness.scenario;

import dev.sluice.harness.defect.DefectHooks;
import dev.sluice.harness.node.NodeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code ./sluice server} and {@code ./sluice client}, each as its own JVM. */
public final class SluiceNodeFactory implements NodeFactory {
    /** The variable that, together with {@code --server-defect}, arms a deliberate server defect. */
    public static final String DEFECTS_ENV = DefectHooks.CONSENT_ENV;
    public static final String DEFECTS_CONSENT = DefectHooks.CONSENT;

    @Override
    public NodeSpec server(String name, Path directory, ScenarioSettings settings) {
        return server(name, directory, settings, LOOPBACK);
    }

    @Override
    public NodeSpec server(String name, Path directory, ScenarioSettings settings, String host) {
        List<String> args = new ArrayList<>(List.of("server", "--host", host, "--port", "0",
                "--keepalive-interval", Long.toString(settings.keepAliveInterval().toMillis()),
                "--keepalive-timeout", Long.toString(settings.keepAliveTimeout().toMillis())));
        NodeSpec.Builder spec = NodeSpec.builder(name).outputDirectory(directory);
        if (settings.serverDefect() != null) {
            args.add("--server-defect");
            args.add(settings.serverDefect());
            spec.environment(DEFECTS_ENV, DEFECTS_CONSENT);
        }
        return spec.arguments(args).build();
    }

    @Override
    public NodeSpec client(String name, Path directory, ScenarioSettings settings, ClientArgs args) {
        List<String> command = new ArrayList<>(List.of("client", "--host", args.host(),
                "--port", Integer.toString(args.port()), "--node-id", args.nodeId(),
                "--streams", Integer.toString(args.streams()), "--bytes", Long.toString(args.bytes()),
                "--connections", Integer.toString(args.connections()), "--seed", Long.toString(args.seed()),
                "--deadline-ms", Long.toString(settings.clientDeadline().toMillis()),
                "--keepalive-interval", Long.toString(settings.keepAliveInterval().toMillis()),
                "--keepalive-timeout", Long.toString(settings.keepAliveTimeout().toMillis())));
        command.addAll(args.extra());
        return NodeSpec.builder(name).outputDirectory(directory).arguments(command).build();
    }
}
