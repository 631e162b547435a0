package dev.sluice.harness.scenario;

import static dev.sluice.harness.scenario.Workloads.CONNECTIONS;
import static dev.sluice.harness.scenario.Workloads.FAULT_AFTER_BYTES;
import static dev.sluice.harness.scenario.Workloads.LONG_BYTES;
import static dev.sluice.harness.scenario.Workloads.STREAMS;

import java.time.Duration;
import java.util.List;

/** Scenarios that kill or freeze a node's process. */
final class ProcessFaultScenarios {
    private ProcessFaultScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("server_kill", "the server is SIGKILLed mid-transfer: every client stream fails"
                        + " promptly, nothing hangs", true, ProcessFaultScenarios::serverKill),
                new Scenario("client_kill", "the client is SIGKILLed mid-transfer: the server releases the"
                        + " connection and its streams within the keep-alive bound", true,
                        ProcessFaultScenarios::clientKill),
                new Scenario("server_freeze", "the server is SIGSTOPped for longer than the keep-alive timeout, then"
                        + " SIGCONTed: the client detects it; the server lets go afterwards", true,
                        ProcessFaultScenarios::serverFreeze));
    }

    static void serverKill(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, CONNECTIONS);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        long at = context.nemesis().start(ProcessFault.killServer());
        Expect.failuresSurfaced(context, run, context.finish(run), at, context.settings().detectionBound());
    }

    static void clientKill(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, CONNECTIONS);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        long at = context.nemesis().start(ProcessFault.killClient());
        var exit = run.awaitExit(context.settings().startupTimeout());
        context.check("the client died of SIGKILL", exit.orElse(-1) == 128 + 9, "exit " + exit.orElse(-1));
        context.expectServerReleased("server released the killed client's connection (ms)", at,
                context.settings().detectionBound());
    }

    static void serverFreeze(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, 1);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        Fault freeze = ProcessFault.freezeServer();
        long at = context.nemesis().start(freeze);
        Duration bound = context.settings().detectionBound();
        int exit = context.finish(run);
        // The freeze must outlast the keep-alive timeout whatever the client did, so that the
        // server, once thawed, finds its own peer silent too.
        context.nemesis().holdUntil(at + context.settings().keepAliveTimeout().multipliedBy(2).toNanos());
        context.nemesis().heal(freeze);
        long resumed = System.nanoTime();
        Expect.failuresSurfaced(context, run, exit, at, bound);
        context.expectServerReleased("server let go after SIGCONT (ms)", resumed, bound);
    }
}
