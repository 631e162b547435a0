package dev.sluice.harness.workload;

import java.util.Locale;

/** How one workload stream ended. Only {@link #OK} and {@link #FAILED} are acceptable outcomes. */
public enum StreamStatus {
    /** Every byte came back, in order, and both directions ended cleanly. */
    OK,
    /** The application saw an error; whatever arrived before it was correct. */
    FAILED,
    /** Wrong bytes reached the application, or a clean end came before all the bytes: a transport bug. */
    CORRUPT,
    /** Neither finished nor failed by the run's deadline: a transport bug. */
    HUNG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
