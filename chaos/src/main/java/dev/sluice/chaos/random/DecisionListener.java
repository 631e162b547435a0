package dev.sluice.chaos.random;

/** Observes every random choice; called on event loops, so implementations must be thread-safe. */
@FunctionalInterface
public interface DecisionListener {

    DecisionListener NONE = decision -> {
    };

    void onDecision(FaultDecision decision);
}
