package dev.sluice.harness.scenario;

import static dev.sluice.harness.scenario.Workloads.FAULT_AFTER_BYTES;
import static dev.sluice.harness.scenario.Workloads.LONG_BYTES;

import dev.sluice.harness.node.NodeEvent;
import dev.sluice.harness.packet.PacketNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Scenarios with real packet faults: server and client in their own network namespaces, joined
 * by a veth pair, with nftables dropping or duplicating packets. TCP retransmits what is lost, so
 * the streams see latency spikes, not gaps; the keep-alive must tell those spikes from a dead peer.
 * Each lossy run is compared with a run without loss over the same link (the control): the p99
 * chunk round trip shows what retransmission costs.
 */
final class PacketScenarios {
    /** Enough chunks for a meaningful p99, small enough to take seconds under loss. */
    private static final int STREAMS = 4;
    private static final long BYTES = 256 * 1024;
    /** Under heavy loss TCP crawls: less data, so that the run ends (intact or failed) well before its deadline. */
    private static final long HEAVY_LOSS_BYTES = 64 * 1024;
    /** How long after the bound a late event is still waited for, so its real delay can be reported. */
    private static final Duration EVENT_READ_SLACK = Duration.ofMillis(500);

    private PacketScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("packet_loss_5", "5% of packets dropped both ways (nftables between network namespaces),"
                        + " with an idle pause longer than the keep-alive timeout: every stream intact, the keep-alive"
                        + " never misfires; retransmission latency against a run without loss", true,
                        Scenario.Network.PACKET_NAMESPACES, PacketScenarios::loss5),
                new Scenario("packet_loss_30", "30% of packets dropped both ways: every stream intact or failed with"
                        + " an error the application saw, nothing silent", true,
                        Scenario.Network.PACKET_NAMESPACES, PacketScenarios::loss30),
                new Scenario("packet_loss_100", "every packet dropped mid-transfer (a black hole at the packet level):"
                        + " both sides detect the dead peer within the keep-alive bound", true,
                        Scenario.Network.PACKET_NAMESPACES, PacketScenarios::loss100),
                new Scenario("packet_duplicate_10", "10% of packets sent twice both ways: TCP discards the copies,"
                        + " every stream intact", false, Scenario.Network.PACKET_NAMESPACES,
                        PacketScenarios::duplicate10));
    }

    static void loss5(ScenarioContext context) throws Exception {
        long controlP99 = control(context, BYTES);
        PacketLossFault loss = new PacketLossFault(5, 0);
        long retransmittedBefore = retransmitted(context);
        context.nemesis().start(loss);
        long pause = context.settings().keepAliveTimeout().multipliedBy(3).dividedBy(2).toMillis();
        ClientRun run = context.startClient(STREAMS, BYTES, 1, "--pause-ms", Long.toString(pause));
        int exit = context.finish(run);
        Expect.allDelivered(context, run, exit);
        List<NodeEvent> keepAliveFailures = run.streams().stream()
                .filter(e -> String.valueOf(e.text("error")).contains("KeepAlive")).toList();
        context.check(run.name() + ": the keep-alive never declared the lossy but live peer dead",
                keepAliveFailures.isEmpty(), keepAliveFailures.size() + " streams failed by keep-alive timeout");
        figures(context, run, loss, controlP99, retransmittedBefore);
        context.nemesis().heal(loss);
    }

    static void loss30(ScenarioContext context) throws Exception {
        long controlP99 = control(context, HEAVY_LOSS_BYTES);
        PacketLossFault loss = new PacketLossFault(30, 0);
        long retransmittedBefore = retransmitted(context);
        context.nemesis().start(loss);
        ClientRun run = context.startClient(STREAMS, HEAVY_LOSS_BYTES, 1);
        int exit = context.finish(run);
        Expect.noSilentDamage(context, run);
        List<NodeEvent> ok = run.streamsWithStatus("ok");
        List<NodeEvent> failed = run.streamsWithStatus("failed");
        boolean connectFailed = run.result().map(r -> r.number("errors") > run.streams().size()).orElse(false);
        context.check(run.name() + ": every stream came back intact or failed with the error the application saw",
                ok.size() + failed.size() == STREAMS
                        && failed.stream().allMatch(e -> e.text("error") != null && !e.text("error").isBlank()),
                ok.size() + " intact, " + failed.size() + " failed" + (failed.isEmpty() ? ""
                        : " (" + failed.get(0).text("error") + ")") + (connectFailed ? "; the connection failed" : ""));
        context.check(run.name() + ": the exit status tells the truth", (exit == 0) == (failed.isEmpty()
                && ok.size() == STREAMS), "exit " + exit);
        if (!failed.isEmpty()) {
            long first = failed.stream().mapToLong(NodeEvent::nanos).min().orElseThrow();
            context.figure("first stream failure after the client started under loss (ms)",
                    (first - run.startNanos()) / 1_000_000);
            context.timeline().markAt(first, Timeline.Kind.DETECTION, "first failure surfaced");
        }
        context.figure("streams intact", ok.size());
        context.figure("streams failed with an error", failed.size());
        figures(context, run, loss, controlP99, retransmittedBefore);
        context.nemesis().heal(loss);
    }

    static void loss100(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, LONG_BYTES, 1);
        run.awaitReceived(FAULT_AFTER_BYTES, context.settings().startupTimeout());
        PacketLossFault hole = new PacketLossFault(100, 0);
        long at = context.nemesis().start(hole);
        Duration bound = context.settings().detectionBound();
        Expect.failuresSurfaced(context, run, context.finish(run), at, bound);
        // The server's own word: the moment it printed that it closed the silent connection. Waited
        // for until the bound has passed: the client may give up before the server does, and the
        // server's detection still counts while it is within the bound.
        Optional<NodeEvent> closed = serverClosedAfter(context, at, bound);
        closed.ifPresent(e -> {
            context.figure("server detected the dead peer (ms)", (e.nanos() - at) / 1_000_000);
            context.timeline().markAt(e.nanos(), Timeline.Kind.DETECTION, "server closed the connection ("
                    + e.text("cause") + ")");
        });
        context.check("server detected the dead peer within " + bound.toMillis() + " ms",
                closed.isPresent() && closed.get().nanos() - at <= bound.toNanos(), closed.map(e -> "closed after "
                        + (e.nanos() - at) / 1_000_000 + " ms: " + e.text("message"))
                        .orElse("no closed event after the fault"));
        // That it then holds no connection or stream is the runner's closing check.
        context.figure("packets dropped", hole.dropped(targets(context)));
        delivery(context, run, LONG_BYTES);
        context.nemesis().heal(hole);
    }

    /** The server's first 'closed' event after {@code at}, awaited until a little past {@code at + bound}. */
    private static Optional<NodeEvent> serverClosedAfter(ScenarioContext context, long at, Duration bound)
            throws InterruptedException {
        long waitNanos = Math.max(0, at + bound.toNanos() - System.nanoTime()) + EVENT_READ_SLACK.toNanos();
        try {
            return Optional.of(context.server().awaitEvent("a 'closed' event after the fault",
                    e -> e.is("closed") && e.nanos() > at, Duration.ofNanos(waitNanos)));
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    static void duplicate10(ScenarioContext context) throws Exception {
        long controlP99 = control(context, BYTES);
        PacketLossFault duplicates = new PacketLossFault(0, 10);
        long retransmittedBefore = retransmitted(context);
        context.nemesis().start(duplicates);
        ClientRun run = context.startClient(STREAMS, BYTES, 1);
        Expect.allDelivered(context, run, context.finish(run));
        long copies = duplicates.duplicated(targets(context));
        context.figure("packets duplicated", copies);
        context.check("the rules duplicated packets", copies > 0, copies + " packets sent twice");
        figures(context, run, duplicates, controlP99, retransmittedBefore);
        context.nemesis().heal(duplicates);
    }

    /** Runs the workload over the clean link; its p99 chunk round trip in microseconds. */
    private static long control(ScenarioContext context, long bytes) throws Exception {
        ClientRun control = context.startClient(STREAMS, bytes, 1);
        Expect.allDelivered(context, control, context.finish(control));
        long p99 = roundTrip(control, "p99").orElse(0L);
        context.figure("p99 chunk round trip without loss (µs)", p99);
        return p99;
    }

    private static void figures(ScenarioContext context, ClientRun run, PacketLossFault fault, long controlP99,
            long retransmittedBefore) throws Exception {
        delivery(context, run, fault == null ? BYTES : bytesPerStream(run));
        Optional<Long> p99 = roundTrip(run, "p99");
        p99.ifPresent(v -> {
            context.figure("p99 chunk round trip under the fault (µs)", v);
            context.figure("retransmission-induced p99 latency (µs, against the run without loss)",
                    Math.max(0, v - controlP99));
        });
        roundTrip(run, "max").ifPresent(v -> context.figure("max chunk round trip under the fault (µs)", v));
        context.figure("packets dropped", fault.dropped(targets(context)));
        context.figure("TCP segments retransmitted (both namespaces)", retransmitted(context) - retransmittedBefore);
    }

    private static void delivery(ScenarioContext context, ClientRun run, long bytesPerStream) {
        long expected = bytesPerStream * STREAMS;
        long received = run.result().map(r -> r.number("bytesReceived")).orElse(0L);
        context.figure("delivery (% of bytes echoed back)", expected == 0 ? 0 : received * 100 / expected);
    }

    private static long bytesPerStream(ClientRun run) {
        return run.result().map(r -> r.number("bytesSent") / Math.max(1, r.number("streams"))).orElse(BYTES);
    }

    private static Optional<Long> roundTrip(ClientRun run, String field) {
        return run.events("summary").stream().reduce((a, b) -> b)
                .map(e -> e.json().path("chunkRoundTripMicros"))
                .filter(n -> n.path("count").asLong() > 0)
                .map(n -> n.path(field).asLong());
    }

    private static long retransmitted(ScenarioContext context) throws Exception {
        PacketNetwork network = context.network();
        return network.retransmittedSegments(network.serverNamespace())
                + network.retransmittedSegments(network.clientNamespace());
    }

    private static FaultTargets targets(ScenarioContext context) {
        return new FaultTargets(null, context.server(), () -> null, context.network());
    }
}
