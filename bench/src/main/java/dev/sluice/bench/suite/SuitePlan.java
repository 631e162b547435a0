package dev.sluice.bench.suite;

import dev.sluice.bench.load.LoadSpec.Mode;
import java.time.Duration;
import java.util.List;

/**
 * What {@code run} measures and for how long. Quick: two rounds of short windows (a few minutes
 * on 2 cores). Full: three rounds of longer windows and 10,000 idle connections.
 */
public record SuitePlan(boolean quick, int rounds, Duration warmup, Duration measure, int idleConnections,
                        Duration backPressureRun, int keepAliveTrials, List<Scenario> scenarios) {
    public static final int KIB = 1024;
    public static final int MIB = 1024 * 1024;
    public static final double OPEN_LOOP_RATE = 10_000;

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("echo64-closed", "64 B echo, closed loop (4 connections x 16 in flight)",
                    Mode.CLOSED, 4, 16, 0, 64,
                    List.of("messagesPerSecond", "totalCpuNanosPerMessage", "p99Micros")),
            new Scenario("tput-64KiB", "64 KiB echo throughput (1 connection x 4 in flight)",
                    Mode.CLOSED, 1, 4, 0, 64 * KIB, List.of("payloadBytesPerSecond")),
            new Scenario("tput-1MiB", "1 MiB echo throughput (1 connection x 2 in flight)",
                    Mode.CLOSED, 1, 2, 0, MIB, List.of("payloadBytesPerSecond")),
            new Scenario("open-10k", "64 B open loop at 10,000 msg/s (4 connections), latency from intended send time",
                    Mode.OPEN, 4, 0, OPEN_LOOP_RATE, 64, List.of("p50Micros", "p99Micros", "p999Micros")));

    public static SuitePlan quickPlan() {
        return new SuitePlan(true, 2, Duration.ofMillis(1500), Duration.ofMillis(2500), 1_000, Duration.ofSeconds(3),
                10, SCENARIOS);
    }

    public static SuitePlan fullPlan() {
        return new SuitePlan(false, 3, Duration.ofSeconds(3), Duration.ofSeconds(5), 10_000, Duration.ofSeconds(5),
                30, SCENARIOS);
    }
}
