package dev.sluice.harness.workload;

import java.util.Locale;

/** How one workload stream ended. {@link #CORRUPT} and {@link #HUNG} are never acceptable. */
public enum StreamStatus {
    /** Every byte came back, in order, and both directions ended cleanly. */
    OK,
    /** The application saw an error; whatever arrived before it was correct. */
    FAILED,
    /** The workload aborted it on purpose halfway (both directions); what arrived before was correct. */
    ABORTED,
    /** Wrong bytes reached the application, or a clean end came before all the bytes: a transport bug. */
    CORRUPT,
    /** Neither finished nor failed by the run's deadline: a transport bug. */
    HUNG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
