package dev.sluice.bench.ab;

import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.suite.Scenario;
import dev.sluice.bench.suite.SuitePlan;
import java.time.Duration;
import java.util.List;

/**
 * What a comparison runs: for each scenario, fresh servers and load generators for both sides,
 * discarded warm-up rounds until the JIT of every process is quiet (at least
 * {@value #WARM_UP_ROUNDS}, at most {@value #MAX_WARM_UP_ROUNDS}: the JIT of a loaded 2-core machine
 * needs many), then {@code rounds} rounds of one load run per side, the side that goes first
 * alternating (A B, B A, A B ...) so that a steady drift of the machine favours neither. Short
 * windows and many rounds: the load of a shared machine swings within seconds, and a pair
 * measured two seconds apart sees more nearly the same machine than one measured ten apart.
 */
public record AbPlan(boolean quick, int rounds, Duration warmup, Duration measure, List<TargetKind> targets,
                     List<Scenario> scenarios) {
    /** The fewest rounds that give a 95% signed-rank interval at all. */
    public static final int MIN_ROUNDS = 6;
    /** Warm-up rounds at least, and at most: in between, until the JIT is quiet ({@link WarmUp}). */
    public static final int WARM_UP_ROUNDS = 2;
    public static final int MAX_WARM_UP_ROUNDS = 8;
    /** A side is warm when its processes compiled for at most this share of a round's duration. */
    static final int QUIET_JIT_SHARE_DIVISOR = 20;

    public AbPlan {
        if (rounds < MIN_ROUNDS) {
            throw new IllegalArgumentException("a comparison needs at least " + MIN_ROUNDS
                    + " rounds for a 95% interval, not " + rounds);
        }
        if (targets.isEmpty() || scenarios.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one target and one scenario");
        }
    }

    /** About 8 minutes on a busy 2-core machine: Sluice only, 12 rounds of 0.5 s warm-up + 1.5 s measured per side. */
    public static AbPlan quickPlan() {
        return new AbPlan(true, 12, Duration.ofMillis(500), Duration.ofMillis(1500), List.of(TargetKind.SLUICE),
                SuitePlan.quickPlan().scenarios());
    }

    /** Sluice and the raw wss control (whose ratio should stay at 1.0x), 20 rounds of 1 s + 2 s. */
    public static AbPlan fullPlan() {
        return new AbPlan(false, 20, Duration.ofSeconds(1), Duration.ofSeconds(2),
                List.of(TargetKind.SLUICE, TargetKind.WSS), SuitePlan.fullPlan().scenarios());
    }

    /** JIT milliseconds per side and round that count as quiet: 5% of one load run's duration. */
    public long quietJitMillis() {
        return warmup.plus(measure).toMillis() / QUIET_JIT_SHARE_DIVISOR;
    }

    public AbPlan withRounds(int newRounds) {
        return new AbPlan(quick, newRounds, warmup, measure, targets, scenarios);
    }

    public AbPlan withTargets(List<TargetKind> newTargets) {
        return new AbPlan(quick, rounds, warmup, measure, newTargets, scenarios);
    }

    public AbPlan withScenarios(List<Scenario> newScenarios) {
        return new AbPlan(quick, rounds, warmup, measure, targets, newScenarios);
    }
}
