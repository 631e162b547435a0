package dev.sluice.bench.report;

/** What the comparison concludes for one figure. */
public enum Verdict {
    REGRESSION,
    IMPROVEMENT,
    WITHIN_NOISE,
    /** A figure shown for context: not one of the gated Sluice figures, never flagged. */
    INFORMATIONAL,
    /** Present in only one of the two runs, or without a ratio to compare. */
    NOT_COMPARED
}
