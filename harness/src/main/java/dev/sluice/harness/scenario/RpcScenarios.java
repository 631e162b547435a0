package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeEvent;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RPC calls under faults ({@code ./sluice rpc-load}): every call ends with a result or an error
 * within its timeout, none hangs; the counts of calls and outcomes are the scenario's figures.
 */
final class RpcScenarios {
    /** Each call's timeout: far above the latency toxic, below what a black hole would hold a call for. */
    private static final long CALL_TIMEOUT_MS = 2000;
    /** Calls completed before the fault starts. */
    private static final long CALLS_BEFORE_FAULT = 40;

    private RpcScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("rpc_latency", "RPC calls of every kind under 20-50 ms latency: every call succeeds"
                        + " within its timeout", true, RpcScenarios::latency),
                new Scenario("rpc_reset_peer", "the connection is reset under RPC calls: every call ends, with a"
                        + " result or an error, within its timeout", true, RpcScenarios::resetPeer),
                new Scenario("rpc_black_hole", "the link swallows everything under RPC calls: every call ends with"
                        + " an error within its timeout; none hangs", true, RpcScenarios::blackHole),
                new Scenario("rpc_server_kill", "the server is SIGKILLed under RPC calls: every call ends with an"
                        + " error within its timeout; none hangs", true, RpcScenarios::serverKill));
    }

    static void latency(ScenarioContext context) throws Exception {
        long latency = 20 + context.random().nextInt(30);
        context.nemesis().start(ToxicFault.bothWays("latency " + latency + " ms",
                (toxics, name, direction) -> toxics.latency(name, direction, latency).setJitter(latency / 2)));
        ClientRun run = start(context, 2500);
        NodeEvent result = finish(context, run);
        context.check("every call succeeded", result != null && result.number("failed") == 0
                && result.number("ok") == result.number("calls"), describe(result));
    }

    static void resetPeer(ScenarioContext context) throws Exception {
        underFault(context, ToxicFault.oneWay("reset_peer", ToxicDirection.UPSTREAM,
                (toxics, name, direction) -> toxics.resetPeer(name, direction, 0)));
    }

    static void blackHole(ScenarioContext context) throws Exception {
        underFault(context, ToxicFault.bothWays("black hole",
                (toxics, name, direction) -> toxics.timeout(name, direction, 0)));
    }

    static void serverKill(ScenarioContext context) throws Exception {
        underFault(context, ProcessFault.killServer());
    }

    private static void underFault(ScenarioContext context, Fault fault) throws Exception {
        ClientRun run = start(context, 6000);
        run.node().awaitEvent(CALLS_BEFORE_FAULT + " calls done",
                e -> e.is("calls") && e.number("ok") >= CALLS_BEFORE_FAULT, context.settings().startupTimeout());
        context.nemesis().start(fault);
        NodeEvent result = finish(context, run);
        context.check("calls failed under the fault", result != null && result.number("failed") > 0, describe(result));
        context.nemesis().heal(fault);
    }

    private static ClientRun start(ScenarioContext context, long durationMillis) throws Exception {
        ScenarioSettings settings = context.settings();
        List<String> args = new ArrayList<>(List.of("rpc-load", "--host", "127.0.0.1",
                "--port", Integer.toString(context.connectPort()), "--node-id", context.nodeId(),
                "--concurrency", "8", "--duration-ms", Long.toString(durationMillis),
                "--timeout-ms", Long.toString(CALL_TIMEOUT_MS),
                "--keepalive-interval", Long.toString(settings.keepAliveInterval().toMillis()),
                "--keepalive-timeout", Long.toString(settings.keepAliveTimeout().toMillis())));
        return context.startWorkload(args);
    }

    /** Waits for the workload's end and records its counts; null when it reported none. */
    private static NodeEvent finish(ScenarioContext context, ClientRun run) throws InterruptedException {
        int exit = context.finish(run);
        Optional<NodeEvent> result = run.node().events().stream().filter(e -> e.is("rpc")).reduce((a, b) -> b);
        context.check("the workload reported its calls", result.isPresent(), "exit " + exit);
        if (result.isEmpty()) {
            return null;
        }
        NodeEvent r = result.get();
        for (String figure : List.of("calls", "ok", "failed", "hung", "late", "maxMillis")) {
            context.figure("rpc " + figure, r.number(figure));
        }
        context.check("no call hung", r.number("hung") == 0, describe(r));
        context.check("every call ended within its timeout (" + CALL_TIMEOUT_MS + " ms + slack)",
                r.number("late") == 0, describe(r));
        return r;
    }

    private static String describe(NodeEvent result) {
        return result == null ? "no result" : result.json().toString();
    }
}
