package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeSpec;
import java.nio.file.Path;
import java.util.List;

/** How a scenario starts its server and its clients as separate JVMs. */
public interface NodeFactory {
    /** A server that prints a {@code listening} line with its port and NodeId, and answers {@code stats}. */
    NodeSpec server(String name, Path directory, ScenarioSettings settings);

    /** A client running the echo workload; it prints {@code progress}, {@code stream} and {@code result} lines. */
    NodeSpec client(String name, Path directory, ScenarioSettings settings, ClientArgs args);

    /**
     * @param port where to connect (the proxy)
     * @param nodeId the NodeId the client must insist on
     * @param streams streams to open
     * @param bytes bytes per stream
     * @param connections connections to spread the streams over
     * @param seed the workload's seed
     */
    record ClientArgs(int port, String nodeId, int streams, long bytes, int connections, long seed,
            List<String> extra) {
    }
}
