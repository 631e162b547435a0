package dev.sluice.chaos.random;

import java.util.SplittableRandom;

/**
 * The random choices of one toxic on one link. Its seed derives from the server seed and the
 * scope, so the same seed and the same sequence of connections replay the same choices whatever
 * happens on other links. Used by one event loop only.
 */
public final class DecisionSource {
    private final SplittableRandom random;
    private final String scope;
    private final DecisionListener listener;

    public DecisionSource(long serverSeed, String scope, DecisionListener listener) {
        this.random = new SplittableRandom(SeedDerivation.derive(serverSeed, scope));
        this.scope = scope;
        this.listener = listener;
    }

    /** A uniform value in [0, 1). */
    public double nextUnit(String kind) {
        double value = random.nextDouble();
        listener.onDecision(new FaultDecision(scope, kind, value));
        return value;
    }

    /** A uniform integer in [low, high]; {@code low} when the range is empty. */
    public long nextBetween(String kind, long low, long high) {
        long value = high <= low ? low : random.nextLong(low, high + 1);
        listener.onDecision(new FaultDecision(scope, kind, value));
        return value;
    }

    public String scope() {
        return scope;
    }
}
