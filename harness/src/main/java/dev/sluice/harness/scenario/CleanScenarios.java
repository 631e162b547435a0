package dev.sluice.harness.scenario;

import static dev.sluice.harness.scenario.Workloads.CONNECTIONS;
import static dev.sluice.harness.scenario.Workloads.SLICED_BYTES;
import static dev.sluice.harness.scenario.Workloads.SMALL_BYTES;
import static dev.sluice.harness.scenario.Workloads.STREAMS;

import java.util.List;

/** Scenarios whose faults slow or reshape traffic but must never lose a byte. */
final class CleanScenarios {
    private CleanScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("baseline", "no fault, with an idle pause longer than the keep-alive timeout mid-stream:"
                        + " every stream's echo arrives intact", true, CleanScenarios::baseline),
                new Scenario("slow_reader", "the client reads far slower than it writes: credit holds the server's"
                        + " echo, bytes in flight stay bounded, data intact", true, CleanScenarios::slowReader),
                new Scenario("stream_abort", "every other stream is aborted halfway by the client: the others"
                        + " finish, the connection lives on, the server keeps no stream", true,
                        CleanScenarios::streamAbort),
                new Scenario("latency", "latency with jitter both ways: data intact, keep-alive never misfires",
                        true, CleanScenarios::latency),
                new Scenario("bandwidth", "a link far slower than the producer: back-pressure holds the writer,"
                        + " bytes in flight stay bounded, data intact", true, CleanScenarios::bandwidth),
                new Scenario("slicer", "TCP segments sliced to a few bytes: framing survives, data intact", true,
                        CleanScenarios::slicer),
                new Scenario("half_close_latency", "the client half-closes early under latency; the server's echo"
                        + " keeps flowing and all of it arrives", false, CleanScenarios::halfCloseUnderLatency));
    }

    static void baseline(ScenarioContext context) throws Exception {
        long pause = context.settings().keepAliveTimeout().multipliedBy(3).dividedBy(2).toMillis();
        ClientRun run = context.startClient(STREAMS, SMALL_BYTES, CONNECTIONS, "--pause-ms", Long.toString(pause));
        Expect.allDelivered(context, run, context.finish(run));
    }

    static void slowReader(ScenarioContext context) throws Exception {
        int streams = 2;
        long bytes = 2L * 1024 * 1024;
        ClientRun run = context.startClient(streams, bytes, 1, "--read-delay-ms", "20");
        Expect.allDelivered(context, run, context.finish(run));
        long maxInFlight = run.events("progress").stream()
                .mapToLong(e -> ClientRun.sent(e) - ClientRun.received(e)).max().orElse(0);
        context.figure("most bytes written but not yet read back", maxInFlight);
        context.check("credit held the writers: they never ran far ahead of the slow reader",
                maxInFlight < streams * bytes, maxInFlight + " bytes in flight at most, of " + streams * bytes
                        + " written");
    }

    static void streamAbort(ScenarioContext context) throws Exception {
        ClientRun run = context.startClient(STREAMS, SMALL_BYTES, 1, "--abort-every", "2");
        int exit = context.finish(run);
        Expect.noSilentDamage(context, run);
        context.check(run.name() + ": the aborted streams report it and the others finish intact",
                run.streamsWithStatus("aborted").size() == STREAMS / 2
                        && run.streamsWithStatus("ok").size() == STREAMS / 2 && exit == 0,
                "exit " + exit + ", " + run.streamsWithStatus("aborted").size() + " aborted, "
                        + run.streamsWithStatus("ok").size() + " ok");
    }

    static void latency(ScenarioContext context) throws Exception {
        long latency = 20 + context.random().nextInt(30);
        long jitter = latency / 2;
        context.nemesis().start(ToxicFault.bothWays("latency " + latency + "±" + jitter + " ms",
                (toxics, name, direction) -> toxics.latency(name, direction, latency).setJitter(jitter)));
        ClientRun run = context.startClient(STREAMS, SMALL_BYTES, CONNECTIONS);
        Expect.allDelivered(context, run, context.finish(run));
    }

    static void bandwidth(ScenarioContext context) throws Exception {
        long kilobytesPerSecond = 2048;
        context.nemesis().start(ToxicFault.bothWays("bandwidth " + kilobytesPerSecond + " KB/s",
                (toxics, name, direction) -> toxics.bandwidth(name, direction, kilobytesPerSecond)));
        long bytes = 3L * 1024 * 1024;
        ClientRun run = context.startClient(2, bytes, 1);
        Expect.allDelivered(context, run, context.finish(run));
        long maxInFlight = run.events("progress").stream()
                .mapToLong(e -> ClientRun.sent(e) - ClientRun.received(e)).max().orElse(0);
        context.figure("most bytes written but not yet echoed", maxInFlight);
        context.check("back-pressure engaged: the writer waited instead of buffering everything",
                maxInFlight < 2 * bytes, maxInFlight + " bytes in flight at most, of " + 2 * bytes + " written");
    }

    static void slicer(ScenarioContext context) throws Exception {
        context.nemesis().start(ToxicFault.bothWays("slicer 16-byte segments",
                (toxics, name, direction) -> toxics.slicer(name, direction, 16, 0).setSizeVariation(8)));
        ClientRun run = context.startClient(4, SLICED_BYTES, 1);
        Expect.allDelivered(context, run, context.finish(run));
    }

    static void halfCloseUnderLatency(ScenarioContext context) throws Exception {
        context.nemesis().start(ToxicFault.bothWays("latency 150 ms",
                (toxics, name, direction) -> toxics.latency(name, direction, 150)));
        ClientRun run = context.startClient(4, SMALL_BYTES, 1);
        Expect.allDelivered(context, run, context.finish(run));
    }
}
