package dev.sluice.harness.scenario;

import static dev.sluice.harness.scenario.Workloads.CONNECTIONS;
import static dev.sluice.harness.scenario.Workloads.FAULT_AFTER_BYTES;
import static dev.sluice.harness.scenario.Workloads.SMALL_BYTES;
import static dev.sluice.harness.scenario.Workloads.STREAMS;

import dev.sluice.harness.node.NodeEvent;
import dev.sluice.identity.NodeId;
import java.nio.file.Files;
import java.util.List;

/** Scenarios about identity, certificates and connection churn. */
final class LifecycleScenarios {
    /** Connections each churning client opens (one stream each). */
    private static final int CHURN_CONNECTIONS = 16;
    private static final int CHURN_CLIENTS = 3;

    private LifecycleScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("wrong_node_id", "a client expecting another NodeId refuses the server, naming the"
                        + " NodeId; the server is unharmed and serves the next client", true,
                        LifecycleScenarios::wrongNodeId),
                new Scenario("cert_rotation", "the server's certificate is rotated during traffic: existing"
                        + " connections continue, new ones see the new chain", false,
                        LifecycleScenarios::certificateRotation),
                new Scenario("slow_close_churn", "many short-lived connections whose closes are slowed: no"
                        + " connection or stream leaks on the server", false, LifecycleScenarios::slowCloseChurn));
    }

    static void wrongNodeId(ScenarioContext context) throws Exception {
        byte[] key = new byte[NodeId.KEY_LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) context.random().nextInt(256);
        }
        String wrong = NodeId.ofPublicKey(key).toString();
        ClientRun refused = context.startClient(wrong, 2, SMALL_BYTES, 1);
        int exit = context.finish(refused);
        String output = Files.readString(refused.node().spec().stdoutFile())
                + Files.readString(refused.node().spec().stderrFile());
        context.check("the client refuses a server that is not " + wrong, exit != 0, "exit " + exit);
        context.check("the refusal names the expected NodeId", output.contains(wrong),
                firstLine(output));
        context.check("no stream reported success", refused.streamsWithStatus("ok").isEmpty(),
                refused.streamsWithStatus("ok").size() + " ok");
        ClientRun after = context.startClient(STREAMS, SMALL_BYTES, CONNECTIONS);
        Expect.allDelivered(context, after, context.finish(after));
    }

    static void certificateRotation(ScenarioContext context) throws Exception {
        ClientRun before = context.startClient(STREAMS, 2L * 1024 * 1024, 1);
        before.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        int skip = context.server().events().size();
        context.server().command("rotate");
        NodeEvent rotated = context.server().awaitEventAfter(skip, "rotated event",
                e -> e.is("rotated") || e.is("error"), context.settings().startupTimeout());
        context.timeline().markAt(rotated.nanos(), Timeline.Kind.FAULT_START, "certificate rotated");
        context.check("the server rotates its certificate on request", rotated.is("rotated"),
                rotated.json().toString());
        ClientRun after = context.startClient(2, SMALL_BYTES, 1);
        Expect.allDelivered(context, before, context.finish(before));
        Expect.allDelivered(context, after, context.finish(after));
        String oldLeaf = leaf(before);
        String newLeaf = leaf(after);
        context.check("the existing connection kept the old chain; the new one sees the new chain",
                oldLeaf != null && newLeaf != null && !oldLeaf.equals(newLeaf)
                        && newLeaf.equals(rotated.text("leafSha256")),
                "before: " + oldLeaf + ", after: " + newLeaf + ", server now: " + rotated.text("leafSha256"));
    }

    static void slowCloseChurn(ScenarioContext context) throws Exception {
        long delay = 300 + context.random().nextInt(300);
        context.nemesis().start(ToxicFault.bothWays("slow_close " + delay + " ms",
                (toxics, name, direction) -> toxics.slowClose(name, direction, delay)));
        for (int i = 0; i < CHURN_CLIENTS; i++) {
            ClientRun run = context.startClient(CHURN_CONNECTIONS, 4096, CHURN_CONNECTIONS);
            Expect.allDelivered(context, run, context.finish(run));
        }
    }

    private static String leaf(ClientRun run) {
        return run.events("peer").stream().map(e -> e.text("leafSha256")).filter(s -> s != null).findFirst()
                .orElse(null);
    }

    private static String firstLine(String output) {
        return output.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no output)");
    }
}
