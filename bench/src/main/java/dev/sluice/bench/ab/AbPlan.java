package dev.sluice.bench.ab;

import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.suite.Scenario;
import dev.sluice.bench.suite.SuitePlan;
import java.time.Duration;
import java.util.List;

/**
 * What a comparison runs: for each scenario, {@code forks} times in turn, fresh servers and load
 * generators for both sides (fork f of the baseline and of the candidate live at the same time),
 * discarded warm-up rounds until the JIT of every process is quiet (at least
 * {@code minWarmUpRounds}, at most {@code maxWarmUpRounds}: the JIT of a loaded 2-core machine needs
 * many), then {@code rounds} rounds of one load run per side, the side that goes first
 * alternating (A B, B A, A B ...) so that a steady drift of the machine favours neither.
 *
 * <p>Forks because two JVMs of the same code can differ persistently (JIT decisions, heap layout):
 * a quiet A/A run with one JVM pair per side flagged 1 MiB throughput at 0.814x (0.760-0.846).
 * With two warm forks a figure is flagged only when both JVM pairs show the change on their own
 * ({@link AbFigure#judge}), so one odd pair can't flag alone. Short windows: the load of a
 * shared machine swings within seconds, and a pair measured two seconds apart sees more nearly the
 * same machine than one measured ten apart.
 */
public record AbPlan(boolean quick, int forks, int rounds, int minWarmUpRounds, int maxWarmUpRounds,
                     Duration warmup, Duration measure, List<TargetKind> targets, List<Scenario> scenarios) {
    /** The fewest measured rounds over all forks that give a 95% signed-rank interval at all. */
    public static final int MIN_ROUNDS = 6;
    /** Warm-up rounds per fork at least, and at most: in between, until the JIT is quiet ({@link WarmUp}). */
    public static final int WARM_UP_ROUNDS = 2;
    public static final int MAX_WARM_UP_ROUNDS = 8;
    /** A side is warm when its processes compiled for at most this share of a round's duration. */
    static final int QUIET_JIT_SHARE_DIVISOR = 20;

    public AbPlan {
        if (forks < 1) {
            throw new IllegalArgumentException("a comparison needs at least 1 fork, not " + forks);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("a fork needs at least 1 measured round, not " + rounds);
        }
        if (forks * rounds < MIN_ROUNDS) {
            throw new IllegalArgumentException("a comparison needs at least " + MIN_ROUNDS
                    + " measured rounds over all forks for a 95% interval, not " + forks + " x " + rounds);
        }
        if (minWarmUpRounds < 1 || maxWarmUpRounds < minWarmUpRounds) {
            throw new IllegalArgumentException("warm-up needs 1 <= min <= max rounds, not " + minWarmUpRounds
                    + " and " + maxWarmUpRounds);
        }
        if (targets.isEmpty() || scenarios.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one target and one scenario");
        }
    }

    /** Sluice only, 2 forks x 6 rounds of 0.5 s warm-up + 1.5 s measured per side: under 10 minutes on 2 cores. */
    public static AbPlan quickPlan() {
        return new AbPlan(true, 2, 6, WARM_UP_ROUNDS, MAX_WARM_UP_ROUNDS, Duration.ofMillis(500),
                Duration.ofMillis(1500), List.of(TargetKind.SLUICE), SuitePlan.quickPlan().scenarios());
    }

    /** Sluice and the raw wss control (whose ratio should stay at 1.0x), 2 forks x 10 rounds of 1 s + 2 s. */
    public static AbPlan fullPlan() {
        return new AbPlan(false, 2, 10, WARM_UP_ROUNDS, MAX_WARM_UP_ROUNDS, Duration.ofSeconds(1),
                Duration.ofSeconds(2), List.of(TargetKind.SLUICE, TargetKind.WSS), SuitePlan.fullPlan().scenarios());
    }

    /** JIT milliseconds per side and round that count as quiet: 5% of one load run's duration. */
    public long quietJitMillis() {
        return warmup.plus(measure).toMillis() / QUIET_JIT_SHARE_DIVISOR;
    }

    public AbPlan withForks(int newForks) {
        return new AbPlan(quick, newForks, rounds, minWarmUpRounds, maxWarmUpRounds, warmup, measure, targets,
                scenarios);
    }

    public AbPlan withRounds(int newRounds) {
        return new AbPlan(quick, forks, newRounds, minWarmUpRounds, maxWarmUpRounds, warmup, measure, targets,
                scenarios);
    }

    public AbPlan withTargets(List<TargetKind> newTargets) {
        return new AbPlan(quick, forks, rounds, minWarmUpRounds, maxWarmUpRounds, warmup, measure, newTargets,
                scenarios);
    }

    public AbPlan withScenarios(List<Scenario> newScenarios) {
        return new AbPlan(quick, forks, rounds, minWarmUpRounds, maxWarmUpRounds, warmup, measure, targets,
                newScenarios);
    }
}
