package dev.sluice.chaos;

/** Timing allowances shared by the data-plane tests. */
final class TestTiming {
    /**
     * Added to the upper bound of Toxiproxy's timing tolerances only: on a shared 2-core CI machine
     * (load averages of 8 seen while six builds run) event-loop timers fire tens of milliseconds late.
     */
    static final long LOADED_MACHINE_SLACK_MILLIS = 150;

    private TestTiming() {
    }
}
