package dev.sluice.harness.scenario;

/**
 * One fault as a start/heal pair. {@link #heal} undoes {@link #start} and must be safe to call
 * when the fault has already healed itself (a killed process stays dead; healing does nothing).
 */
public interface Fault {
    /** A short name for reports and timelines, e.g. "latency 50±20 ms both ways". */
    String describe();

    void start(FaultTargets targets) throws Exception;

    void heal(FaultTargets targets) throws Exception;
}
