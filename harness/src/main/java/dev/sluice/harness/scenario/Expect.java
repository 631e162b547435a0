package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checker: what every scenario expects of a client's streams. Every stream is either
 * delivered intact or failed with an error the application saw; anything else (wrong bytes, a
 * clean end with bytes missing, a hang) fails the scenario whatever else it expects.
 */
public final class Expect {
    private Expect() {
    }

    /** Always: no stream was corrupt or hung, and the client printed its result line. */
    public static void noSilentDamage(ScenarioContext context, ClientRun run) {
        List<NodeEvent> corrupt = run.streamsWithStatus("corrupt");
        context.check(run.name() + ": no stream delivered wrong, missing, repeated or reordered bytes",
                corrupt.isEmpty(), corrupt.isEmpty() ? run.streams().size() + " streams checked" : describe(corrupt));
        List<NodeEvent> hung = run.streamsWithStatus("hung");
        context.check(run.name() + ": no stream hung", hung.isEmpty(),
                hung.isEmpty() ? "every stream ended or failed" : describe(hung));
        Optional<NodeEvent> result = run.result();
        context.check(run.name() + ": printed its result line", result.isPresent(),
                result.map(r -> r.json().toString()).orElse("no result line; see " + run.node().spec().stdoutFile()));
    }

    /** No fault (or a benign one): every stream came back intact and the client exited 0. */
    public static void allDelivered(ScenarioContext context, ClientRun run, int exitCode) {
        noSilentDamage(context, run);
        Optional<NodeEvent> result = run.result();
        boolean clean = result.isPresent() && result.get().json().path("digestsMatch").asBoolean()
                && result.get().number("errors") == 0;
        context.check(run.name() + ": every stream delivered intact, digests match", clean && exitCode == 0,
                "exit " + exitCode + ", " + result.map(r -> r.json().toString()).orElse("no result")
                        + failedSummary(run));
    }

    /**
     * A fault that kills the connection: every stream not finished when it started failed with an
     * error, at least one did, and the last failure came within {@code bound} of the fault.
     */
    public static void failuresSurfaced(ScenarioContext context, ClientRun run, int exitCode, long faultNanos,
            Duration bound) {
        noSilentDamage(context, run);
        List<NodeEvent> failed = run.streamsWithStatus("failed");
        List<NodeEvent> unfinishedOk = run.streamsWithStatus("ok").stream().filter(e -> e.nanos() > faultNanos)
                .toList();
        context.check(run.name() + ": the fault reached the workload (some stream failed)", !failed.isEmpty(),
                failed.size() + " failed, " + run.streamsWithStatus("ok").size() + " ok");
        context.check(run.name() + ": exits non-zero after failures", failed.isEmpty() || exitCode != 0,
                "exit " + exitCode);
        context.check(run.name() + ": every failed stream carries the error the application saw",
                failed.stream().allMatch(e -> e.text("error") != null && !e.text("error").isBlank()),
                failed.stream().map(e -> e.text("error")).distinct().limit(3).collect(Collectors.joining(" | ")));
        if (!failed.isEmpty()) {
            long first = failed.stream().mapToLong(NodeEvent::nanos).min().orElseThrow();
            long last = failed.stream().mapToLong(NodeEvent::nanos).max().orElseThrow();
            long firstMs = (first - faultNanos) / 1_000_000;
            long lastMs = (last - faultNanos) / 1_000_000;
            context.figure(run.name() + " first failure after fault (ms)", firstMs);
            context.figure(run.name() + " last failure after fault (ms)", lastMs);
            context.timeline().markAt(first, Timeline.Kind.DETECTION, run.name() + " detected (" + firstMs + " ms)");
            context.check(run.name() + ": every stream failed within " + bound.toMillis() + " ms of the fault",
                    lastMs <= bound.toMillis(), "first " + firstMs + " ms, last " + lastMs + " ms; "
                            + unfinishedOk.size() + " streams ended ok after the fault started");
        }
    }

    private static String failedSummary(ClientRun run) {
        List<NodeEvent> bad = run.streams().stream().filter(e -> !"ok".equals(e.text("status"))).toList();
        return bad.isEmpty() ? "" : "; " + describe(bad);
    }

    private static String describe(List<NodeEvent> streams) {
        return streams.size() + " streams, first: stream " + streams.get(0).number("id") + " "
                + streams.get(0).text("status") + ": " + streams.get(0).text("error");
    }
}
