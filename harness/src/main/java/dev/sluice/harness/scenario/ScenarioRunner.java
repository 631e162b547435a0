package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeEvent;
import dev.sluice.harness.node.NodeProcess;
import dev.sluice.harness.packet.PacketNetwork;
import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one scenario: starts a server node and a proxy in front of it, runs the body, heals every
 * fault, checks that the server let go of every connection and stream, and stops everything,
 * whatever happened.
 */
public final class ScenarioRunner {
    private final ScenarioSettings settings;
    private final PrintStream console;

    public ScenarioRunner(ScenarioSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    public ScenarioResult run(Scenario scenario, long seed) {
        long start = System.nanoTime();
        Timeline timeline = new Timeline(start);
        Path directory = settings.outputDirectory().resolve(scenario.name());
        console.printf("scenario %s (seed %d): %s%n", scenario.name(), seed, scenario.description());
        boolean namespaces = scenario.network() == Scenario.Network.PACKET_NAMESPACES;
        Optional<String> cannot = namespaces ? PacketNetwork.unavailable() : Optional.empty();
        if (cannot.isPresent()) {
            return skipped(scenario, seed, directory, cannot.get());
        }
        PacketNetwork created = null;
        if (namespaces) {
            try {
                created = PacketNetwork.create();
            } catch (IOException e) {
                if (PacketNetwork.deniedPermission(e)) {
                    // Root in a container without CAP_SYS_ADMIN, for instance.
                    return skipped(scenario, seed, directory, "not permitted to create network namespaces here: "
                            + e.getMessage());
                }
                ScenarioResult failed = new ScenarioResult(scenario.name(), seed, List.of(), java.util.Map.of(),
                        (System.nanoTime() - start) / 1e9, timeline, directory, "could not build the packet"
                        + " network: " + e.getMessage());
                console.printf("scenario %s: FAIL (%s)%n", scenario.name(), failed.error());
                return failed;
            }
        }
        PacketNetwork network = created;
        List<String> errors = new ArrayList<>();
        ScenarioContext context = null;
        NodeProcess server = null;
        try (ChaosEndpoint chaos = namespaces ? null : ChaosEndpoint.open(settings.toxiproxyUrl(), seed)) {
            Files.createDirectories(directory);
            console.printf("  faults %s%n", namespaces ? "as nftables rules between network namespaces "
                    + network : "through the " + chaos.description());
            var spec = namespaces
                    ? settings.nodes().server("server", directory, settings, PacketNetwork.SERVER_ADDRESS)
                            .withLauncher(network.serverLauncher())
                    : settings.nodes().server("server", directory, settings);
            server = NodeProcess.start(spec);
            NodeEvent listening = server.awaitEvent("listening", settings.startupTimeout());
            int port = (int) listening.number("port");
            Proxy proxy = namespaces ? null : chaos.proxy("sluice-" + scenario.name(), port);
            context = new ScenarioContext(scenario.name(), seed, settings, directory, timeline, server,
                    listening.text("nodeId"), proxy, port, network);
            try {
                scenario.body().run(context);
            } catch (Exception e) {
                errors.add(describe(e));
            } finally {
                heal(context, errors);
            }
            if (errors.isEmpty() && server.isAlive()) {
                context.expectServerReleased("server released after the last client (ms)", lastClientEnd(context),
                        settings.detectionBound());
            }
            if (proxy != null) {
                proxy.delete();
            }
        } catch (Exception e) {
            errors.add(describe(e));
        } finally {
            // Nodes first, then their namespaces (veth and rules go with them), whatever happened.
            if (context != null) {
                for (ClientRun client : context.clients()) {
                    client.node().close();
                    client.recordInto(timeline);
                }
            }
            if (server != null) {
                server.close();
            }
            if (network != null) {
                network.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ScenarioResult result = new ScenarioResult(scenario.name(), seed,
                context == null ? List.of() : context.checks(),
                context == null ? java.util.Map.of() : context.figures(), seconds, timeline, directory,
                errors.isEmpty() ? null : String.join("; ", errors));
        console.printf("scenario %s: %s in %.1f s%s%n", scenario.name(), result.passed() ? "PASS" : "FAIL", seconds,
                result.passed() ? "" : " (" + result.firstFailure() + ")");
        return result;
    }

    private ScenarioResult skipped(Scenario scenario, long seed, Path directory, String reason) {
        console.printf("scenario %s: SKIPPED (%s)%n", scenario.name(), reason);
        return ScenarioResult.skipped(scenario.name(), seed, directory, reason);
    }

    private static void heal(ScenarioContext context, List<String> errors) {
        try {
            context.nemesis().close();
        } catch (Exception e) {
            errors.add(describe(e));
        }
    }

    private static long lastClientEnd(ScenarioContext context) {
        return context.clients().stream()
                .flatMap(c -> c.node().events().stream())
                .mapToLong(NodeEvent::nanos)
                .max().orElse(System.nanoTime());
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
