package dev.sluice.bench.report;

/** Which way a figure improves. */
public enum Better {
    HIGHER,
    LOWER,
    /** Reported for information; never flagged. */
    NEITHER;

    /** True when moving from {@code from} to {@code to} is a change for the worse. */
    public boolean worse(double from, double to) {
        switch (this) {
            case HIGHER:
                return to < from;
            case LOWER:
                return to > from;
            default:
                return false;
        }
    }
}
