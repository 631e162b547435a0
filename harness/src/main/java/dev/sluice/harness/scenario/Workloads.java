package dev.sluice.harness.scenario;

/** Workload sizes the scenarios use, named once: small enough for CI, big enough to be mid-transfer. */
final class Workloads {
    static final int STREAMS = 8;
    static final int CONNECTIONS = 2;
    /** Clean runs: every byte must come back. */
    static final long SMALL_BYTES = 256 * 1024;
    /** Runs that a fault interrupts: long enough that the fault lands mid-transfer. */
    static final long LONG_BYTES = 32L * 1024 * 1024;
    /** The fault starts once this many bytes have been echoed over all streams. */
    static final long FAULT_AFTER_BYTES = 2L * 1024 * 1024;
    /** Slicing to tiny segments is slow by design: keep the data small. */
    static final long SLICED_BYTES = 48 * 1024;

    private Workloads() {
    }
}
