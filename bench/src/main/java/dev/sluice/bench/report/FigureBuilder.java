package dev.sluice.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns raw runs into figures: each metric of each target per round, and its ratio to the control
 * measured in the same round (Sluice and ws against the raw wss control, Node ws against raw ws,
 * Node wss against Sluice: both TLS WebSocket echoes with the same kind of certificate).
 */
public final class FigureBuilder {
    /** Which target each target is judged against. */
    public static final Map<String, String> CONTROLS = Map.of("sluice", "wss", "ws", "wss", "node", "ws",
            "node-wss", "sluice");

    /** The targets, as ratios to the control. */
    public static final Map<String, Goal> GOALS = Map.of(
            "echo64-closed.sluice.messagesPerSecond", Goal.atLeast(0.90),
            "echo64-closed.sluice.totalCpuNanosPerMessage", Goal.atMost(1.10),
            "tput-64KiB.sluice.payloadBytesPerSecond", Goal.atLeast(0.95),
            "tput-1MiB.sluice.payloadBytesPerSecond", Goal.atLeast(0.95),
            "open-10k.sluice.p99Micros", Goal.atMost(1.5),
            "backpressure.sluice.peakOutstandingBytes", Goal.atMost(1.0));

    /**
     * Figures judged against a bound measured in the same run rather than against another target:
     * metric -> the field holding the bound (the writer's limit, the configured keep-alive timeout).
     */
    private static final Map<String, String> BOUNDS = Map.of(
            "peakOutstandingBytes", "limitBytes",
            "p50Millis", "timeoutMillis",
            "p99Millis", "timeoutMillis",
            "maxMillis", "timeoutMillis");

    private record Metric(String name, String unit, Better better) {
    }

    private static final List<Metric> LOAD_METRICS = List.of(
            new Metric("messagesPerSecond", "msg/s", Better.HIGHER),
            new Metric("payloadBytesPerSecond", "B/s", Better.HIGHER),
            new Metric("p50Micros", "us", Better.LOWER),
            new Metric("p90Micros", "us", Better.LOWER),
            new Metric("p99Micros", "us", Better.LOWER),
            new Metric("p999Micros", "us", Better.LOWER),
            new Metric("maxMicros", "us", Better.NEITHER),
            new Metric("serverCpuNanosPerMessage", "ns/msg", Better.LOWER),
            new Metric("clientCpuNanosPerMessage", "ns/msg", Better.LOWER),
            new Metric("totalCpuNanosPerMessage", "ns/msg", Better.LOWER),
            new Metric("serverAllocatedBytesPerMessage", "B/msg", Better.LOWER));

    private static final List<Metric> IDLE_METRICS = List.of(
            new Metric("serverHeapBytesPerConnection", "B", Better.LOWER),
            new Metric("serverDirectBytesPerConnection", "B", Better.LOWER),
            new Metric("clientHeapBytesPerConnection", "B", Better.LOWER),
            new Metric("clientDirectBytesPerConnection", "B", Better.LOWER));

    private static final List<Metric> BACKPRESSURE_METRICS = List.of(
            new Metric("peakOutstandingBytes", "B", Better.LOWER),
            new Metric("heapGrowthBytes", "B", Better.NEITHER),
            new Metric("producerStallFraction", "", Better.NEITHER),
            new Metric("consumerBytesPerSecond", "B/s", Better.NEITHER));

    private static final List<Metric> KEEPALIVE_METRICS = List.of(
            new Metric("p50Millis", "ms", Better.LOWER),
            new Metric("p99Millis", "ms", Better.LOWER),
            new Metric("maxMillis", "ms", Better.LOWER));

    private FigureBuilder() {
    }

    public static List<Figure> build(List<JsonNode> runs) {
        Map<String, Map<String, Map<Integer, JsonNode>>> byScenario = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            byScenario.computeIfAbsent(run.path("scenario").asText(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(run.path("target").asText(), t -> new TreeMap<>())
                    .put(run.path("round").asInt(), run);
        }
        List<Figure> figures = new ArrayList<>();
        byScenario.forEach((scenario, byTarget) -> {
            List<Metric> metrics = metricsOf(scenario);
            boolean bounded = scenario.equals("backpressure") || scenario.equals("keepalive");
            for (var target : byTarget.entrySet()) {
                for (Metric metric : metrics) {
                    Map<Integer, Double> values = values(target.getValue(), metric.name());
                    if (values.isEmpty()) {
                        continue;
                    }
                    if (bounded && BOUNDS.containsKey(metric.name())) {
                        String bound = BOUNDS.get(metric.name());
                        figures.add(figure(scenario, target.getKey(), metric, values, bound,
                                values(target.getValue(), bound)));
                        continue;
                    }
                    String control = CONTROLS.get(target.getKey());
                    Map<Integer, Double> controlValues = control == null || !byTarget.containsKey(control)
                            ? Map.of() : values(byTarget.get(control), metric.name());
                    figures.add(figure(scenario, target.getKey(), metric, values, control, controlValues));
                }
            }
        });
        return figures;
    }

    private static List<Metric> metricsOf(String scenario) {
        switch (scenario) {
            case "idle":
                return IDLE_METRICS;
            case "backpressure":
                return BACKPRESSURE_METRICS;
            case "keepalive":
                return KEEPALIVE_METRICS;
            default:
                return LOAD_METRICS;
        }
    }

    private static Figure figure(String scenario, String target, Metric metric, Map<Integer, Double> values,
                                 String control, Map<Integer, Double> controlValues) {
        if (controlValues.isEmpty()) {
            return Figure.uncontrolled(scenario, target, metric.name(), metric.unit(), metric.better(),
                    new ArrayList<>(values.values()));
        }
        Set<Integer> rounds = new LinkedHashSet<>(values.keySet());
        rounds.retainAll(controlValues.keySet());
        List<Double> paired = new ArrayList<>();
        List<Double> pairedControl = new ArrayList<>();
        for (int round : rounds) {
            paired.add(values.get(round));
            pairedControl.add(controlValues.get(round));
        }
        return Figure.controlled(scenario, target, metric.name(), metric.unit(), metric.better(),
                new ArrayList<>(values.values()), control, paired, pairedControl,
                GOALS.get(Figure.id(scenario, target, metric.name())));
    }

    /**
     * Per-round values of one metric; derived metrics computed here. CPU readings are -1 when the
     * platform could not say, so negative CPU values are dropped; other metrics (heap growth) may
     * legitimately be negative.
     */
    private static Map<Integer, Double> values(Map<Integer, JsonNode> runsByRound, String metric) {
        boolean negativeMeansUnknown = metric.contains("Cpu");
        Map<Integer, Double> values = new TreeMap<>();
        runsByRound.forEach((round, run) -> {
            double value = value(run, metric);
            if (Double.isFinite(value) && (value >= 0 || !negativeMeansUnknown)) {
                values.put(round, value);
            }
        });
        return values;
    }

    private static double value(JsonNode run, String metric) {
        int connections = Math.max(1, run.path("connections").asInt(1));
        switch (metric) {
            case "totalCpuNanosPerMessage": {
                double server = run.path("serverCpuNanosPerMessage").asDouble(-1);
                double client = run.path("clientCpuNanosPerMessage").asDouble(-1);
                return server < 0 || client < 0 ? -1 : server + client;
            }
            case "serverHeapBytesPerConnection":
                return perConnection(run, "serverHeapUsedBefore", "serverHeapUsedAfter", connections);
            case "serverDirectBytesPerConnection":
                return perConnection(run, "serverDirectUsedBefore", "serverDirectUsedAfter", connections);
            case "clientHeapBytesPerConnection":
                return perConnection(run, "heapUsedBefore", "heapUsedAfter", connections);
            case "clientDirectBytesPerConnection":
                return perConnection(run, "directUsedBefore", "directUsedAfter", connections);
            default:
                return run.has(metric) ? run.path(metric).asDouble() : Double.NaN;
        }
    }

    private static double perConnection(JsonNode run, String before, String after, int connections) {
        if (!run.has(before) || !run.has(after)) {
            return Double.NaN;
        }
        return Math.max(0, run.path(after).asDouble() - run.path(before).asDouble()) / connections;
    }
}
