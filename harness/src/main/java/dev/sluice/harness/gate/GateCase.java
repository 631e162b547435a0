package dev.sluice.harness.gate;

/**
 * One cell of the gate's matrix: a scenario in one seed round, with the seed that round gives it.
 *
 * @param scenario the scenario's name
 * @param round which of the {@code --seeds} rounds, from 0
 * @param seed the scenario seed (a pure function of the base seed, the round and the scenario's place)
 */
public record GateCase(String scenario, int round, long seed) {
    /** How reports and merges name the case: {@code black_hole#2}. */
    public String key() {
        return scenario + "#" + round;
    }
}
