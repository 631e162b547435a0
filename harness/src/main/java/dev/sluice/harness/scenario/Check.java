package dev.sluice.harness.scenario;

/**
 * One expectation of a scenario and whether it held.
 *
 * @param name what was expected, as a sentence
 * @param passed whether it held
 * @param detail what was seen (figures, the first violation, the error)
 */
public record Check(String name, boolean passed, String detail) {
}
