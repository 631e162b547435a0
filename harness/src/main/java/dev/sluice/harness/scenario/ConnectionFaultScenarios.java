package dev.sluice.harness.scenario;

import static dev.sluice.harness.scenario.Workloads.CONNECTIONS;
import static dev.sluice.harness.scenario.Workloads.FAULT_AFTER_BYTES;
import static dev.sluice.harness.scenario.Workloads.LONG_BYTES;
import static dev.sluice.harness.scenario.Workloads.SMALL_BYTES;
import static dev.sluice.harness.scenario.Workloads.STREAMS;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Duration;
import java.util.List;

/** Scenarios whose faults break connections: every open stream must fail, loudly and promptly. */
final class ConnectionFaultScenarios {
    private ConnectionFaultScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("black_hole", "mid-transfer the link swallows everything without closing: both sides"
                        + " detect the dead peer within keep-alive interval + timeout + margin", true,
                        ConnectionFaultScenarios::blackHole),
                new Scenario("reset_peer", "mid-transfer the connection is reset: errors surface on both sides",
                        true, ConnectionFaultScenarios::resetPeer),
                new Scenario("limit_data", "the link closes after a byte budget: no stream reports success with"
                        + " bytes missing", false, ConnectionFaultScenarios::limitData),
                new Scenario("proxy_disabled", "the proxy drops every connection and refuses new ones, then comes"
                        + " back: failures surface, a new connection works afterwards", false,
                        ConnectionFaultScenarios::proxyDisabled));
    }

    static void blackHole(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, 1);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        Fault hole = ToxicFault.bothWays("black hole", (toxics, name, direction) -> toxics.timeout(name, direction, 0));
        long at = context.nemesis().start(hole);
        Duration bound = context.settings().detectionBound();
        Expect.failuresSurfaced(context, run, context.finish(run), at, bound);
        context.expectServerReleased("server detected the dead peer (ms)", at, bound);
        context.nemesis().heal(hole);
    }

    static void resetPeer(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, CONNECTIONS);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        Fault reset = ToxicFault.oneWay("reset_peer", ToxicDirection.UPSTREAM,
                (toxics, name, direction) -> toxics.resetPeer(name, direction, 0));
        long at = context.nemesis().start(reset);
        Duration bound = context.settings().detectionBound();
        Expect.failuresSurfaced(context, run, context.finish(run), at, bound);
        context.expectServerReleased("server saw the reset (ms)", at, bound);
        context.nemesis().heal(reset);
    }

    static void limitData(ScenarioContext context) throws Exception {
        long budget = 256 * 1024 + context.random().nextInt(256 * 1024);
        context.nemesis().start(ToxicFault.oneWay("limit_data " + budget + " bytes", ToxicDirection.DOWNSTREAM,
                (toxics, name, direction) -> toxics.limitData(name, direction, budget)));
        long at = System.nanoTime();
        ClientRun run = context.startClient(STREAMS, SMALL_BYTES, 1);
        Expect.failuresSurfaced(context, run, context.finish(run), at, context.settings().clientDeadline());
    }

    static void proxyDisabled(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, CONNECTIONS);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        Fault disabled = new ProxyDisabledFault();
        long at = context.nemesis().start(disabled);
        Expect.failuresSurfaced(context, run, context.finish(run), at, context.settings().detectionBound());
        context.nemesis().heal(disabled);
        ClientRun after = context.startClient(STREAMS, SMALL_BYTES, CONNECTIONS);
        Expect.allDelivered(context, after, context.finish(after));
    }
}
