package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeSpec;
import java.nio.file.Path;

/** Starts the plain-TCP stand-ins, so the scenario machinery is tested without the transport. */
final class TcpNodeFactory implements NodeFactory {
    @Override
    public NodeSpec server(String name, Path directory, ScenarioSettings settings) {
        return NodeSpec.builder(name).mainClass(TcpEchoServerNode.class.getName()).outputDirectory(directory).build();
    }

    @Override
    public NodeSpec client(String name, Path directory, ScenarioSettings settings, ClientArgs args) {
        return NodeSpec.builder(name).mainClass(TcpEchoClientNode.class.getName()).outputDirectory(directory)
                .arguments(Integer.toString(args.port()), args.nodeId(), Integer.toString(args.streams()),
                        Long.toString(args.bytes()), Integer.toString(args.connections()),
                        Long.toString(args.seed()), Long.toString(settings.clientDeadline().toMillis()))
                .build();
    }
}
