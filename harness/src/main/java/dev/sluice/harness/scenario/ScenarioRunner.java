package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeEvent;
import dev.sluice.harness.node.NodeProcess;
import eu.rekawek.toxiproxy.Proxy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<String> errors = new ArrayList<>();
        ScenarioContext context = null;
        NodeProcess server = null;
        try (ChaosEndpoint chaos = ChaosEndpoint.open(settings.toxiproxyUrl(), seed)) {
            Files.createDirectories(directory);
            console.printf("  faults through the %s%n", chaos.description());
            server = NodeProcess.start(settings.nodes().server("server", directory, settings));
            NodeEvent listening = server.awaitEvent("listening", settings.startupTimeout());
            Proxy proxy = chaos.proxy("sluice-" + scenario.name(), (int) listening.number("port"));
            context = new ScenarioContext(scenario.name(), seed, settings, directory, timeline, server,
                    listening.text("nodeId"), proxy);
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
            proxy.delete();
        } catch (Exception e) {
            errors.add(describe(e));
        } finally {
            if (context != null) {
                for (ClientRun client : context.clients()) {
                    client.node().close();
                    client.recordInto(timeline);
                }
            }
            if (server != null) {
                server.close();
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
