package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeProcess;
import dev.sluice.harness.packet.PacketNetwork;
import eu.rekawek.toxiproxy.Proxy;
import java.util.function.Supplier;

/**
 * What faults act on: the proxy between client and server, and the two processes.
 *
 * @param proxy the proxy in front of the server (null when the nodes run in network namespaces)
 * @param server the server node
 * @param client the client node running now (a scenario may start several in turn)
 * @param network the namespaces server and client run in, or null on loopback
 */
public record FaultTargets(Proxy proxy, NodeProcess server, Supplier<NodeProcess> client, PacketNetwork network) {
}
