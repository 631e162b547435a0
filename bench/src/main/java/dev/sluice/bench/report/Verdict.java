package dev.sluice.bench.report;

/** What the comparison concludes for one figure. */
public enum Verdict {
    REGRESSION,
    IMPROVEMENT,
    WITHIN_NOISE,
    /** Present in only one of the two runs, or without a ratio to compare. */
    NOT_COMPARED
}
