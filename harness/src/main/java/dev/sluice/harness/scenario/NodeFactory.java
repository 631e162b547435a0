package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeSpec;
import java.nio.file.Path;
import java.util.List;

/** How a scenario starts its server and its clients as separate JVMs. */
public interface NodeFactory {
    String LOOPBACK = "127.0.0.1";

    /** A server on loopback that prints a {@code listening} line with its port and NodeId, and answers {@code stats}. */
    NodeSpec server(String name, Path directory, ScenarioSettings settings);

    /** The same server bound to {@code host} (an address inside a network namespace). */
    default NodeSpec server(String name, Path directory, ScenarioSettings settings, String host) {
        if (LOOPBACK.equals(host)) {
            return server(name, directory, settings);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " starts servers on loopback only");
    }

    /** A client running the echo workload; it prints {@code progress}, {@code stream} and {@code result} lines. */
    NodeSpec client(String name, Path directory, ScenarioSettings settings, ClientArgs args);

    /**
     * @param host where to connect: loopback (the proxy) or the server's address in its namespace
     * @param port where to connect (the proxy, or the server itself)
     * @param nodeId the NodeId the client must insist on
     * @param streams streams to open
     * @param bytes bytes per stream
     * @param connections connections to spread the streams over
     * @param seed the workload's seed
     */
    record ClientArgs(String host, int port, String nodeId, int streams, long bytes, int connections, long seed,
            List<String> extra) {
    }
}
