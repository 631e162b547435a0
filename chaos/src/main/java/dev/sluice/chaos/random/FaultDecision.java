package dev.sluice.chaos.random;

/**
 * One random choice the proxy made.
 *
 * @param scope where it was made: {@code proxy/connection#/stream/toxic@start}
 * @param kind  what was chosen (toxicity, jitter, slice)
 * @param value the value chosen
 */
public record FaultDecision(String scope, String kind, double value) {
}
