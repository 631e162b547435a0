package dev.sluice.bench.ab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.bench.load.LoadSpec;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.report.Better;
import dev.sluice.bench.suite.Scenario;
import dev.sluice.bench.suite.SuitePlan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A figure a comparison judges, and how to read it from one load run. */
public record AbMetric(String name, String unit, Better better) {
    static final AbMetric MESSAGES = new AbMetric("messagesPerSecond", "msg/s", Better.HIGHER);
    static final AbMetric BYTES = new AbMetric("payloadBytesPerSecond", "B/s", Better.HIGHER);
    static final AbMetric CPU = new AbMetric("totalCpuNanosPerMessage", "ns/msg", Better.LOWER);
    static final AbMetric ALLOCATED = new AbMetric("serverAllocatedBytesPerMessage", "B/msg", Better.LOWER);
    static final AbMetric P50 = new AbMetric("p50Micros", "us", Better.LOWER);
    static final AbMetric P99 = new AbMetric("p99Micros", "us", Better.LOWER);

    /**
     * Per scenario: throughput (messages for small messages, bytes for large ones), CPU per message
     * of server and client together, bytes the server allocates per message, and in the open loop
     * the latency percentiles at its fixed rate instead of throughput (which the rate fixes).
     */
    static List<AbMetric> of(Scenario scenario) {
        if (scenario.mode() == LoadSpec.Mode.OPEN) {
            return List.of(P50, P99, CPU, ALLOCATED);
        }
        return List.of(scenario.messageBytes() > 1024 ? BYTES : MESSAGES, CPU, ALLOCATED);
    }

    /**
     * Every metric name and every figure id a comparison can judge (any scenario of the full plan,
     * any target), for checking threshold overrides.
     */
    static Set<String> names() {
        Set<String> names = new HashSet<>();
        for (Scenario scenario : SuitePlan.fullPlan().scenarios()) {
            for (AbMetric metric : of(scenario)) {
                names.add(metric.name());
                for (TargetKind target : TargetKind.values()) {
                    names.add(scenario.id() + "." + target.id() + "." + metric.name());
                }
            }
        }
        return names;
    }

    /** This metric of one run; NaN when the run does not have it (e.g. CPU the platform could not read). */
    double valueOf(JsonNode run) {
        if (name.equals(CPU.name)) {
            double server = run.path("serverCpuNanosPerMessage").asDouble(-1);
            double client = run.path("clientCpuNanosPerMessage").asDouble(-1);
            return server < 0 || client < 0 ? Double.NaN : server + client;
        }
        return run.has(name) ? run.path(name).asDouble() : Double.NaN;
    }
}
